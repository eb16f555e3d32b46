import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CcvClient } from '../../transport';
import { changeLinkReferences, linkReferenceDescription } from './linkReferences.shared';

export const description = linkReferenceDescription('addLinkReferences', 'add');

export async function execute(this: IExecuteFunctions, i: number, client: CcvClient): Promise<IDataObject> {
	return await changeLinkReferences(this, i, client, 'add');
}
