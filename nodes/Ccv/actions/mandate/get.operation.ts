import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { validateItem } from '../../helpers/validate';
import { ownLabel } from '../../fields/field';
import { mandateId } from '../../fields/lookup';
import { USABLE_MANDATE_STATUS } from '../../schemas/mandate';
import type { CcvClient } from '../../transport';
import type { PreparedItem } from '../types';
import { optionsCollection, showFor } from '../common.descriptions';

/** What the editor previews before a first run (n8n reads the same file). */
export { default as outputSchema } from '../../__schema__/v1.0.0/mandate/get.json';

export const description: INodeProperties[] = [
	mandateId.property(showFor('mandate', 'get')),
	optionsCollection('mandate', 'get'),
];

/** Whether the mandate can be charged now, in words for the person or agent reading it. */
export function usability(status: unknown): { usable: boolean; usableReason: string } {
	const value = String(status ?? '').toLowerCase();
	if (value === USABLE_MANDATE_STATUS) {
		return { usable: true, usableReason: 'Active: payments with this mandate ID can run without the customer.' };
	}
	if (value === 'pending') {
		return {
			usable: false,
			usableReason: 'Not usable yet: the status is pending (the customer has not finished signing). Check again later.',
		};
	}
	if (value === 'inactive') {
		return {
			usable: false,
			usableReason: 'Not usable: the mandate is inactive and never becomes active again. Ask the customer for a new mandate.',
		};
	}
	return {
		usable: false,
		usableReason: `Not usable: the status is "${String(status ?? 'unknown')}"; only active mandates can be charged.`,
	};
}

interface Prepared extends PreparedItem {
	id: string;
}

export function prepare(this: IExecuteFunctions, i: number): Prepared {
	return { id: validateItem(this, mandateId.rule, this.getNodeParameter(mandateId.name, i), i, ownLabel(mandateId)) };
}

export async function execute(this: IExecuteFunctions, i: number, client: CcvClient, prepared?: Prepared): Promise<IDataObject> {
	const { id } = prepared ?? prepare.call(this, i);
	const { body } = await client.request<IDataObject>({ method: 'GET', path: `/api/v1/mandate/${encodeURIComponent(id)}` }, i);
	return { ...(body ?? {}), ...usability(body?.status) };
}

/** For the AI-agent guard (actions/toolGuard.ts): this operation only reads. */
export const guard = { kind: 'read' } as const;
