import type { INodeProperties, TriggerPanelDefinition } from 'n8n-workflow';

import { ORDER_STATUSES } from '../schemas/order';
import { TRANSACTION_STATUSES } from '../schemas/transaction';
import { MAX_REMEMBERED } from './emittedStore';
import { MAX_ORDERS_PER_CALL } from './orderSource';
import { NOTIFICATION_EVENTS, TRANSACTION_TYPES, UNCONFIRMED_EVENTS } from './vocabulary';

// n8n 2.41 shows the node's URLs under "Webhook URLs" (collapsed) at the top of the parameters.
const PRODUCTION_URL = 'this node\'s Production URL (open "Webhook URLs" above)';

const transactionSources = { show: { eventSource: ['transaction', 'notification'] } };
const orderSource = { show: { eventSource: ['orderStatus'] } };

function titleCase(type: string): string {
	return type
		.toLowerCase()
		.split('_')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}

const STATUS_NAMES: Record<(typeof TRANSACTION_STATUSES)[number], string> = {
	success: 'Success',
	failed: 'Failed',
	pending: 'Pending',
	manualintervention: 'Manual Intervention',
};

export const triggerPanel: TriggerPanelDefinition = {
	header: 'Give CCV this node\'s URL, then let a payment, refund or order change status',
	executionsHelp: {
		inactive:
			'Click "Execute step" (or "Test this trigger"), then make CCV or the CCV sandbox call the Test URL (…/webhook-test/…). Each call is checked at CCV before anything is output.',
		active:
			'CCV calls the Production URL (…/webhook/…). Each call is checked at CCV; each verified status change starts one execution, listed under Executions.',
	},
	activationHint: 'For real use CCV must call the Production URL (…/webhook/…), not the Test URL (…/webhook-test/…).',
};

export const triggerProperties: INodeProperties[] = [
	{
		// n8n's node picker lists one trigger entry per option of the parameter labelled "Trigger On"
		// (or "Event"), with each option's `action` as its text: the events a user looks for.
		displayName: 'Trigger On',
		name: 'eventSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Transaction Webhook',
				value: 'transaction',
				action: 'On payment or refund status changed',
				description: 'CCV\'s webhook for payments, refunds, captures and reversals: it names the transaction only',
			},
			{
				name: 'Notification',
				value: 'notification',
				action: 'On payment or refund status changed (CCV notification)',
				description: 'CCV\'s notifications (notificationRequests), which also carry an event type such as StatusChanged',
			},
			{
				name: 'Order Status Notification',
				value: 'orderStatus',
				action: 'On Boarding order status changed',
				description: 'CCV Boarding API: CCV calls when a submitted order changes status',
			},
		],
		default: 'transaction',
		description: 'Which kind of call CCV makes to this node',
	},
	{
		displayName:
			`Give CCV ${PRODUCTION_URL}: as a transaction's Webhook URL, or the credential's Default Webhook URL.`,
		name: 'transactionUrlNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { eventSource: ['transaction'] } },
	},
	{
		displayName:
			`Put ${PRODUCTION_URL} in each transaction's Notification Requests.`,
		name: 'notificationUrlNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { eventSource: ['notification'] } },
	},
	{
		displayName:
			`Order Submit > Additional Fields: set Status Notification URL to ${PRODUCTION_URL} and pick Notify On Statuses.`,
		name: 'orderUrlNotice',
		type: 'notice',
		default: '',
		displayOptions: orderSource,
	},
	{
		displayName: 'Events',
		name: 'notificationEvents',
		type: 'multiOptions',
		options: [
			{ name: 'Status Changed', value: NOTIFICATION_EVENTS[0], description: 'The transaction as CCV reports it' },
			{ name: 'Mandate Updated', value: NOTIFICATION_EVENTS[1], description: 'The mandate as CCV reports it (once per mandate status)' },
			{ name: 'Mandate Used', value: NOTIFICATION_EVENTS[2], description: 'The transaction a mandate started, with that mandate as CCV reports it' },
		],
		default: ['StatusChanged'],
		description: `Which notification events to output; each is checked at CCV first. ${UNCONFIRMED_EVENTS.join(', ')} are not offered: CCV's answers hold nothing that confirms them, so such calls output nothing. Statuses and Transaction Types filter Status Changed only.`,
		displayOptions: { show: { eventSource: ['notification'] } },
	},
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		options: TRANSACTION_STATUSES.map((value) => ({ name: STATUS_NAMES[value], value })),
		default: [],
		description: 'Output only transactions CCV reports in one of these statuses. Leave empty for every status.',
		displayOptions: transactionSources,
	},
	{
		displayName: 'Transaction Types',
		name: 'transactionTypes',
		type: 'multiOptions',
		options: TRANSACTION_TYPES.map((type) => ({ name: titleCase(type), value: type.toLowerCase() })),
		default: [],
		description: 'Output only transactions of these types. Leave empty for every type.',
		displayOptions: transactionSources,
	},
	{
		displayName: 'Order IDs to Check',
		name: 'orderIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 5f0c2a9e-..., 7a21b3c4-...',
		description: `CCV's call names no order, so list here CCV's IDs of the orders to watch (Order Submit's output shows them), separated by commas or new lines. Each call makes the trigger ask CCV for the status of these orders (at most ${MAX_ORDERS_PER_CALL}, skipping those already output in an end state).`,
		displayOptions: orderSource,
	},
	{
		displayName: 'Order Statuses',
		name: 'orderStatuses',
		type: 'multiOptions',
		options: ORDER_STATUSES.map((status) => ({ name: status, value: status })),
		default: [],
		description:
			'Output only orders CCV reports in one of these statuses (Completed, Closed, Canceled and Failed are the end states). Leave empty for every status.',
		displayOptions: orderSource,
	},
	{
		displayName: 'Emit Each Status Once',
		name: 'emitEachStatusOnce',
		type: 'boolean',
		default: true,
		description: `Whether to output each status of a transaction or order only once, however often CCV (or anyone) calls. Remembers the last ${MAX_REMEMBERED.toLocaleString('en-US')} status changes output; calls that change nothing are not counted.`,
	},
	{
		displayName: 'Shared Token',
		name: 'token',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			'Optional secret you make up (long and random). Add it to the URL you give CCV as token=YOUR-TOKEN; calls without it are refused (HTTP 401) and run nothing.',
	},
];
