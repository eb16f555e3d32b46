import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import * as card from './card';
import * as customer from './customer';
import * as mandate from './mandate';
import * as order from './order';
import * as payment from './payment';
import * as paymentMethod from './paymentMethod';
import * as refund from './refund';
import * as transaction from './transaction';
import type { ResourceModule } from './types';

/** A resource as the node offers it: its entry in the Resource list, its operations and their editor fields. */
interface ResourceEntry {
	option: INodePropertyOptions;
	module: { operations: ResourceModule; description: INodeProperties[] };
}

/**
 * Every resource, in the order their fields appear in the node. The node class (Ccv.node.ts), the
 * router and the AI-agent guard (actions/toolGuard.ts) all read this one list. To add a resource:
 * its folder under actions/ with an index.ts (operations and description), and a row here.
 */
const REGISTRY: ResourceEntry[] = [
	{ option: { name: 'Customer', value: 'customer', description: 'Loyalty customers that payment cards link to' }, module: customer },
	{ option: { name: 'Card', value: 'card', description: 'Payment cards linked to a loyalty customer' }, module: card },
	{ option: { name: 'Refund', value: 'refund', description: 'Pay money back on a payment, never twice by accident' }, module: refund },
	{ option: { name: 'Payment', value: 'payment', description: 'Start payments, and capture or release authorisations' }, module: payment },
	{ option: { name: 'Transaction', value: 'transaction', description: 'Look up payments, refunds, captures and reversals' }, module: transaction },
	{ option: { name: 'Mandate', value: 'mandate', description: 'Customer permissions to charge a card later without them' }, module: mandate },
	{ option: { name: 'Order', value: 'order', description: 'Boarding orders that sign merchants up with CCV (resellers)' }, module: order },
	{
		option: { name: 'Payment Method', value: 'paymentMethod', description: 'The payment methods, card brands and banks your CCV account offers' },
		module: paymentMethod,
	},
];

/** The operations of every resource, by resource and operation value. */
export const resources: Record<string, ResourceModule> = Object.fromEntries(
	REGISTRY.map(({ option, module }) => [String(option.value), module.operations]),
);

/** The Resource field: n8n lists options alphabetically. */
export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: REGISTRY.map(({ option }) => option).sort((a, b) => a.name.localeCompare(b.name)),
	default: 'customer',
};

/** Every resource's Operation field and operation fields, in registry order. */
export const resourceProperties: INodeProperties[] = REGISTRY.flatMap(({ module }) => module.description);
