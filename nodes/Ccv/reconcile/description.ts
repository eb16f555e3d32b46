import type { INodeProperties } from 'n8n-workflow';

import { TRANSACTION_STATUSES } from '../schemas/transaction';
import { MAX_ORDERS_PER_POLL } from './settings';
import { MAX_REMEMBERED_CHANGES } from './memory';

const STATUS_NAMES: Record<(typeof TRANSACTION_STATUSES)[number], string> = {
	success: 'Success',
	failed: 'Failed',
	pending: 'Pending',
	manualintervention: 'Manual Intervention',
};

export const reconcileProperties: INodeProperties[] = [
	{
		displayName:
			'Asks CCV on a schedule and starts one execution per status change it has not started before, also across restarts and crashes (n8n refuses a second execution with the same key). It holds as long as n8n keeps the executions: keep "Save successful production executions" on for this workflow, and see the README for what else frees a key. "Execute step" in the editor shows what CCV lists now and has no such protection.',
		name: 'exactlyOnceNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Check Every',
		name: 'interval',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 5,
		description: 'How often to ask CCV, in the unit below',
	},
	{
		displayName: 'Look Back',
		name: 'lookBack',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 15,
		description:
			'How far back each check looks, in the unit below: transactions created in this window are listed whatever their status. At least twice "Check Every", so a check that was missed (n8n down or busy) is covered by the next one.',
	},
	{
		displayName: 'Unit',
		name: 'unit',
		type: 'options',
		default: 'minutes',
		options: [
			{ name: 'Seconds', value: 'seconds' },
			{ name: 'Minutes', value: 'minutes' },
			{ name: 'Hours', value: 'hours' },
		],
	},
	{
		displayName: 'Check Transactions',
		name: 'checkTransactions',
		type: 'boolean',
		default: true,
		description: 'Whether to list the payments, refunds and captures created in the Look Back window',
	},
	{
		displayName: 'Transaction Statuses',
		name: 'statuses',
		type: 'multiOptions',
		default: [],
		options: TRANSACTION_STATUSES.map((value) => ({ name: STATUS_NAMES[value], value })),
		description: 'Only start executions for these statuses (none selected: every status)',
		displayOptions: { show: { checkTransactions: [true] } },
	},
	{
		displayName: 'Order IDs to Check',
		name: 'orderIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 5f0c3c4e-…, 6a1d…',
		description: `Boarding orders whose status to check on every run (commas, spaces or new lines; at most ${MAX_ORDERS_PER_POLL}, the last ones listed). An order is no longer asked once its end status (Completed, Closed, Canceled, Failed) was output and still remembered (the last ${MAX_REMEMBERED_CHANGES.toLocaleString('en-US')} changes).`,
	},
];
