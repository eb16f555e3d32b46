// The customer and card steps of customers.test.ts: one CCV node each, run in one workflow.
import { SEED } from '../../sandbox';
import type { Step } from './harness';

const byExternalId = (value: string) => ({ __rl: true, mode: 'externalId', value });
const byCcvId = (value: string) => ({ __rl: true, mode: 'ccvId', value });

// Steps run top to bottom against one seeded sandbox; each touches its own seed customers.
export const customerSteps: Step[] = [
	{
		name: 'Create customer',
		items: [{ ref: 'LOY-2001', ext: 'crm-2001', links: ['LOY-2001', 'BAR-2001'] }],
		parameters: {
			resource: 'customer',
			operation: 'create',
			customerReference: '={{ $json.ref }}',
			cardLinking: 'keepOpen',
			additionalFields: { externalId: '={{ $json.ext }}', linkReferences: '={{ $json.links }}' },
		},
	},
	{
		name: 'Get customer by external ID',
		parameters: { resource: 'customer', operation: 'get', customer: byExternalId('crm-1001') },
	},
	{
		name: 'Get customer by CCV ID',
		parameters: { resource: 'customer', operation: 'get', customer: byCcvId(SEED.customers['crm-1002']) },
	},
	{
		name: 'Get unknown customer',
		parameters: { resource: 'customer', operation: 'get', customer: byExternalId('crm-9999') },
	},
	{
		name: 'Get many customers',
		parameters: { resource: 'customer', operation: 'getAll', customerReference: 'LOY-1001', returnAll: true },
	},
	{
		name: 'Update customer',
		parameters: {
			resource: 'customer',
			operation: 'update',
			customer: byExternalId('crm-1002'),
			cardLinking: 'unchanged',
			updateFields: { customerReference: 'LOY-1002-NEW' },
		},
	},
	{
		name: 'Add link references',
		parameters: {
			resource: 'customer',
			operation: 'addLinkReferences',
			customer: byExternalId('crm-1001'),
			linkReferences: 'BAR-1001',
		},
	},
	{
		name: 'Remove link references',
		parameters: {
			resource: 'customer',
			operation: 'removeLinkReferences',
			customer: byExternalId('crm-1006'),
			linkReferences: 'LOY-1001-B',
		},
	},
	{
		name: 'Create or update customers',
		items: [
			{ ext: 'crm-1002', ref: 'LOY-1002-NEW', links: 'BAR-1002' },
			{ ext: 'crm-3001', ref: 'LOY-3001', links: 'LOY-3001' },
		],
		parameters: {
			resource: 'customer',
			operation: 'createOrUpdate',
			externalId: '={{ $json.ext }}',
			customerReference: '={{ $json.ref }}',
			linkReferences: '={{ $json.links }}',
		},
	},
	{
		// Seed crm-1007 has registrationExpiration null, crm-1008 Java's largest long (issue 15 #6).
		name: 'Update customer without card-linking date',
		parameters: {
			resource: 'customer',
			operation: 'update',
			customer: byExternalId('crm-1007'),
			cardLinking: 'unchanged',
			updateFields: { customerReference: 'LOY-1007-NEW' },
		},
	},
	{
		name: 'Add link references at maximal card linking',
		parameters: { resource: 'customer', operation: 'addLinkReferences', customer: byExternalId('crm-1008'), linkReferences: 'BAR-1008' },
	},
	{
		name: 'Delete customer (dry run)',
		parameters: { resource: 'customer', operation: 'delete', customer: byExternalId('crm-1003'), options: { dryRun: true } },
	},
	{
		name: 'Delete customer',
		parameters: { resource: 'customer', operation: 'delete', customer: byExternalId('crm-1004') },
	},
	{
		name: 'Delete unknown customer',
		parameters: { resource: 'customer', operation: 'delete', customer: byExternalId('crm-9999') },
	},
	{
		name: 'Get many cards',
		parameters: { resource: 'card', operation: 'getAll', customer: byExternalId('crm-1001'), returnAll: true },
	},
	{
		name: 'Get card',
		parameters: { resource: 'card', operation: 'get', cardId: SEED.cards.bram },
	},
	{
		name: 'Delete card',
		parameters: { resource: 'card', operation: 'delete', cardId: SEED.cards.chris },
	},
	{
		name: 'Delete all cards',
		parameters: { resource: 'card', operation: 'deleteAll', customer: byExternalId('crm-1005') },
	},
];
