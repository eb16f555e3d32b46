import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CcvClient } from '../../transport';
import { changeLinkReferences, linkReferenceDescription } from './linkReferences.shared';

export const description = linkReferenceDescription('removeLinkReferences', 'remove');

export async function execute(this: IExecuteFunctions, i: number, client: CcvClient): Promise<IDataObject> {
	return await changeLinkReferences(this, i, client, 'remove');
}
