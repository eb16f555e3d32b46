import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { validateItem } from '../../helpers/validate';
import { customerReference as customerReferenceField } from '../../fields/customer';
import { ownLabel } from '../../fields/field';
import { digitsOf } from '../../schemas/common';
import type { CcvClient } from '../../transport';
import type { PreparedItem } from '../types';
import { optionsCollection, readLimit, returnAllAndLimit, showFor } from '../common.descriptions';

/** What the editor previews before a first run (n8n reads the same file). */
export { default as outputSchema } from '../../__schema__/v1.0.0/customer/getAll.json';

const MAX_PAGE_SIZE = 50;

export const description: INodeProperties[] = [
	customerReferenceField.property(showFor('customer', 'getAll'), {
		placeholder: 'e.g. LOY-1001',
		description: 'Returns every customer with this customer reference (CCV searches by this reference only)',
	}),
	...returnAllAndLimit('customer', 'getAll', 'customers'),
	optionsCollection('customer', 'getAll'),
];

interface CustomerPage {
	data?: IDataObject[];
	page?: { size?: number; number?: number; totalElements?: number; totalPages?: number };
}

interface Prepared extends PreparedItem {
	customerReference: string;
	limit: number;
}

export function prepare(this: IExecuteFunctions, i: number): Prepared {
	const field = customerReferenceField;
	const customerReference = validateItem(this, field.rule, digitsOf(this.getNodeParameter(field.name, i)), i, ownLabel(field));
	return { customerReference, limit: readLimit(this, i) };
}

export async function execute(this: IExecuteFunctions, i: number, client: CcvClient, prepared?: Prepared): Promise<IDataObject[]> {
	const { customerReference, limit } = prepared ?? prepare.call(this, i);
	// The page size must stay the same across pages, or page numbers would skip or repeat customers.
	const size = Math.min(MAX_PAGE_SIZE, limit);
	const found: IDataObject[] = [];
	for (let page = 0; found.length < limit; page++) {
		const { body } = await client.request<CustomerPage>(
			{ method: 'GET', path: '/api/v1/customer', qs: { customerReference, page, size } },
			i,
		);
		const data = body?.data ?? [];
		found.push(...data);
		const totalPages = body?.page?.totalPages ?? 0;
		if (data.length === 0 || page + 1 >= totalPages) break;
	}
	return found.slice(0, limit);
}

/** For the AI-agent guard (actions/toolGuard.ts): this operation only reads. */
export const guard = { kind: 'read' } as const;
