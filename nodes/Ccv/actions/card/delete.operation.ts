import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { sendWrite } from '../../helpers/dryRun';
import { failItem } from '../../helpers/validate';
import { isNotFound } from '../../transport';
import { cardId } from '../../fields/card';
import type { CcvClient } from '../../transport';
import { dryRunOption, ignoreNotFoundOption, optionsCollection, showFor } from '../common.descriptions';
import type { CardPrepared } from './card.helpers';
import { cardPath, prepareCard } from './card.helpers';

/** What the editor previews before a first run (n8n reads the same file). */
export { default as outputSchema } from '../../__schema__/v1.0.0/card/delete.json';

export const description: INodeProperties[] = [
	cardId.property(showFor('card', 'delete')),
	optionsCollection('card', 'delete', [dryRunOption, ignoreNotFoundOption]),
];

export function prepare(this: IExecuteFunctions, i: number): CardPrepared {
	return prepareCard(this, i);
}

export async function execute(this: IExecuteFunctions, i: number, client: CcvClient, prepared?: CardPrepared): Promise<IDataObject> {
	const { id, dryRun, ignoreNotFound } = prepared ?? prepareCard(this, i);
	const notFound = () => {
		if (!ignoreNotFound) failItem(this, i, `Card not found: no card with ID ${id}`);
		return { id, deleted: false, reason: 'not found', ...(dryRun ? { dryRun: true } : {}) };
	};
	const request = { method: 'DELETE' as const, path: cardPath(id) };
	if (dryRun) {
		const card = await client.find<IDataObject>({ method: 'GET', path: cardPath(id) }, i);
		if (isNotFound(card)) return notFound();
		const preview = await sendWrite(client, request, i, true);
		return { id, deleted: false, action: 'delete', card: card.body, ...(preview.sent ? {} : preview.dryRun) };
	}
	const result = await client.find(request, i);
	if (isNotFound(result) && !result.repeated) return notFound();
	return { id, deleted: true };
}

/** For the AI-agent guard (actions/toolGuard.ts): this operation deletes. */
export const guard = { kind: 'delete', action: 'delete a card' } as const;
