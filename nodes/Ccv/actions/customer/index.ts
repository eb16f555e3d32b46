import type { INodeProperties } from 'n8n-workflow';

import { operationFields } from '../common.descriptions';
import type { ResourceModule } from '../types';
import * as addLinkReferences from './addLinkReferences.operation';
import * as create from './create.operation';
import * as createOrUpdate from './createOrUpdate.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as removeLinkReferences from './removeLinkReferences.operation';
import * as update from './update.operation';

export const operations: ResourceModule = {
	create,
	createOrUpdate,
	get,
	getAll,
	update,
	addLinkReferences,
	removeLinkReferences,
	delete: del,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{ name: 'Add Link References', value: 'addLinkReferences', action: 'Add link references to a customer', description: 'Add link references to a customer\'s list, keeping the ones it has' },
			{ name: 'Create', value: 'create', action: 'Create a customer', description: 'Add a loyalty customer to CCV' },
			{ name: 'Create or Update', value: 'createOrUpdate', action: 'Create or update a customer', description: 'Create a customer by external ID, or update it when it exists; nothing is sent when nothing changed' },
			{ name: 'Delete', value: 'delete', action: 'Delete a customer', description: 'Remove a customer and all its linked payment cards' },
			{ name: 'Get', value: 'get', action: 'Get a customer', description: 'Get a customer by CCV ID or external ID' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many customers', description: 'Get the customers with a given customer reference' },
			{ name: 'Remove Link References', value: 'removeLinkReferences', action: 'Remove link references from a customer', description: 'Take link references off a customer\'s list, keeping the others' },
			{ name: 'Update', value: 'update', action: 'Update a customer', description: 'Change the fields you set; everything else stays as it is' },
		],
		default: 'get',
	},
	...operationFields(operations),
];
