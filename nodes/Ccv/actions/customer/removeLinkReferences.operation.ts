import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CcvClient } from '../../transport';
import type { LinkReferencesPrepared } from './linkReferences.shared';
import { changeLinkReferences, linkReferenceDescription, prepareLinkReferences } from './linkReferences.shared';

/** What the editor previews before a first run (n8n reads the same file). */
export { default as outputSchema } from '../../__schema__/v1.0.0/customer/removeLinkReferences.json';

export const description = linkReferenceDescription('removeLinkReferences', 'remove');

export function prepare(this: IExecuteFunctions, i: number): LinkReferencesPrepared {
	return prepareLinkReferences(this, i);
}

export async function execute(
	this: IExecuteFunctions,
	i: number,
	client: CcvClient,
	prepared?: LinkReferencesPrepared,
): Promise<IDataObject> {
	return await changeLinkReferences(this, i, client, 'remove', prepared ?? prepareLinkReferences(this, i));
}

/** For the AI-agent guard (helpers/toolGuard.ts): this operation overwrites or clears what CCV holds. */
export const guard = { kind: 'erase', action: 'remove link references from a customer' } as const;
