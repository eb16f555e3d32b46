import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { triggerPanel, triggerProperties } from './trigger/description';
import { forget, isRecorded, record } from './trigger/lifecycle';
import { handleCall } from './trigger/webhook';

export class CcvTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CCV Trigger',
		name: 'ccvTrigger',
		icon: { light: 'file:../../icons/ccv.svg', dark: 'file:../../icons/ccv.dark.svg' },
		group: ['trigger'],
		// Version 2 (default for new nodes) differs from 1 in n8n only: for a typeVersion-1 start node n8n
		// evaluates an expression (`$parameter["options"]["binaryData"]`) on every webhook call, which
		// builds an expression isolate per call. Version 1 stays for saved workflows; both behave alike.
		version: [1, 2],
		defaultVersion: 2,
		subtitle:
			'={{ $parameter["eventSource"] === "orderStatus" ? "Order status" : $parameter["eventSource"] === "notification" ? "Notification" : "Transaction webhook" }}',
		// n8n shows this text on the merged "CCV" entry of the node picker: it describes the whole package.
		description:
			'Payments, refunds, customers, cards, mandates and Boarding orders at CCV, and a trigger for their status changes (checked at CCV)',
		defaults: { name: 'CCV Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ccvApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		triggerPanel,
		properties: triggerProperties,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return isRecorded(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return record(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return forget(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleCall(this);
	}
}
