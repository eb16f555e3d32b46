import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CcvClient } from '../../transport';
import { optionsCollection } from '../common.descriptions';
import { cardIdField } from './card.descriptions';
import { cardPath, readCardId } from './card.helpers';

export const description: INodeProperties[] = [cardIdField('get'), optionsCollection('card', 'get')];

export async function execute(this: IExecuteFunctions, i: number, client: CcvClient): Promise<IDataObject> {
	const { body } = await client.request<IDataObject>({ method: 'GET', path: cardPath(readCardId(this, i)) }, i);
	return body;
}
