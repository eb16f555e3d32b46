import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { cardId } from '../../fields/card';
import type { CcvClient } from '../../transport';
import { optionsCollection, showFor } from '../common.descriptions';
import type { CardPrepared } from './card.helpers';
import { cardPath, prepareCard } from './card.helpers';

/** What the editor previews before a first run (n8n reads the same file). */
export { default as outputSchema } from '../../__schema__/v1.0.0/card/get.json';

export const description: INodeProperties[] = [cardId.property(showFor('card', 'get')), optionsCollection('card', 'get')];

export function prepare(this: IExecuteFunctions, i: number): CardPrepared {
	return prepareCard(this, i);
}

export async function execute(this: IExecuteFunctions, i: number, client: CcvClient, prepared?: CardPrepared): Promise<IDataObject> {
	const { id } = prepared ?? prepareCard(this, i);
	const { body } = await client.request<IDataObject>({ method: 'GET', path: cardPath(id) }, i);
	return body;
}

/** For the AI-agent guard (actions/toolGuard.ts): this operation only reads. */
export const guard = { kind: 'read' } as const;
