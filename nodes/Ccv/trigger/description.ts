import type { INodeProperties, TriggerPanelDefinition } from 'n8n-workflow';

import { ORDER_STATUSES } from '../schemas/order';
import { TRANSACTION_STATUSES } from '../schemas/transaction';
import { TRANSACTION_TYPES } from './vocabulary';

const TEST_VS_PRODUCTION =
	'The Test URL (…/webhook-test/…) only answers while you click "Listen for test event" in this panel; once the workflow is published CCV must call the Production URL (…/webhook/…). The two differ: give CCV the Production URL for real use.';

const TOKEN_HINT = 'If you set a Shared Token below, add ?token=YOUR-TOKEN to that URL.';

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
		inactive: `While building, click "Listen for test event" and make CCV (or the CCV sandbox) call this node's Test URL. ${TEST_VS_PRODUCTION} CCV's call only names the transaction or order: this node looks it up at CCV with your credential and outputs CCV's answer.`,
		active:
			'The workflow is published: every call CCV makes to the Production URL is checked at CCV, and each verified status change starts an execution, listed under Executions. Calls that name nothing CCV knows, or statuses you filtered out, start nothing.',
	},
	activationHint:
		'Publish the workflow, then give CCV this node\'s Production URL (not the Test URL), exactly as the notice in the parameters describes.',
};

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Event Source',
		name: 'eventSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Transaction Webhook',
				value: 'transaction',
				description: 'CCV\'s webhook for payments, refunds, captures and reversals: it names the transaction only',
			},
			{
				name: 'Notification',
				value: 'notification',
				description: 'CCV\'s notifications (notificationRequests), which also carry an event type such as StatusChanged',
			},
			{
				name: 'Order Status Notification',
				value: 'orderStatus',
				description: 'CCV Boarding API: CCV calls when a submitted order changes status',
			},
		],
		default: 'transaction',
	},
	{
		displayName: `Give CCV this node's Production URL (under Webhook URLs above) as the webhookUrl of each payment, refund, capture or reversal you create, or as your merchant webhook at CCV. ${TOKEN_HINT} CCV only calls https:// addresses. ${TEST_VS_PRODUCTION}`,
		name: 'transactionUrlNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { eventSource: ['transaction'] } },
	},
	{
		displayName: `Give CCV this node's Production URL (under Webhook URLs above) as the notification URL in the notificationRequests of each payment, refund, capture or reversal you create. ${TOKEN_HINT} CCV only calls https:// addresses. ${TEST_VS_PRODUCTION}`,
		name: 'notificationUrlNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { eventSource: ['notification'] } },
	},
	{
		displayName: `When you submit an order, set its notificationUrl (statusNotificationInformation) to this node's Production URL followed by ?orderId=THE-CCV-ORDER-ID, for example https://n8n.example.com/webhook/…/webhook?orderId=1234; with a Shared Token, add &token=YOUR-TOKEN. CCV must allow-list this address before it calls it: tell CCV the URL. CCV calls only https:// addresses, once per status change, and never retries. ${TEST_VS_PRODUCTION}`,
		name: 'orderUrlNotice',
		type: 'notice',
		default: '',
		displayOptions: orderSource,
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
		description:
			'Whether to output a status only once per transaction or order, even when CCV calls more than once. The workflow remembers the last status output for up to 1,000 transactions or orders (the oldest are forgotten first).',
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
