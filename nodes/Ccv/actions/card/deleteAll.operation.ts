import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { sendWrite } from '../../helpers/dryRun';
import { isNotFound } from '../../transport';
import type { CcvClient } from '../../transport';
import { customerLocator, dryRunOption, ignoreNotFoundOption, optionsCollection } from '../common.descriptions';
import { customerPath, notFoundError, refOutput } from '../customer/customer.helpers';
import type { CustomerCardsPrepared } from './card.helpers';
import { prepareCustomerCards } from './card.helpers';

/** What the editor previews before a first run (n8n reads the same file). */
export { default as outputSchema } from '../../__schema__/v1.0.0/card/deleteAll.json';

export const description: INodeProperties[] = [
	customerLocator('card', 'deleteAll', 'The customer whose linked payment cards to remove (the customer itself stays)'),
	optionsCollection('card', 'deleteAll', [dryRunOption, ignoreNotFoundOption]),
];

export function prepare(this: IExecuteFunctions, i: number): CustomerCardsPrepared {
	return prepareCustomerCards(this, i);
}

export async function execute(
	this: IExecuteFunctions,
	i: number,
	client: CcvClient,
	prepared?: CustomerCardsPrepared,
): Promise<IDataObject> {
	const { ref, dryRun, ignoreNotFound } = prepared ?? prepareCustomerCards(this, i);
	const path = `${customerPath(ref)}/card`;
	const notFound = () => {
		if (!ignoreNotFound) notFoundError(this, i, ref);
		return { customer: refOutput(ref), deleted: false, reason: 'not found', ...(dryRun ? { dryRun: true } : {}) };
	};
	if (dryRun) {
		const listed = await client.find<IDataObject[] | undefined>({ method: 'GET', path }, i);
		if (isNotFound(listed)) return notFound();
		const cards = Array.isArray(listed.body) ? listed.body : [];
		const preview = await sendWrite(client, { method: 'DELETE', path }, i, true);
		return { customer: refOutput(ref), deleted: false, action: 'deleteAll', cards, ...(preview.sent ? {} : preview.dryRun) };
	}
	const result = await client.find({ method: 'DELETE', path }, i);
	if (isNotFound(result) && !result.repeated) return notFound();
	return { customer: refOutput(ref), deleted: true };
}

/** For the AI-agent guard (actions/toolGuard.ts): this operation deletes. */
export const guard = { kind: 'delete', action: 'delete all cards of a customer' } as const;
