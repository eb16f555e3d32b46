import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readDryRun, sendWrite } from '../../helpers/dryRun';
import { validateItem } from '../../helpers/validate';
import { ORDER_STATUSES, orderLabels, orderSubmit } from '../../schemas/order';
import type { CcvClient } from '../../transport';
import type { PreparedItem } from '../types';
import { additionalFieldsCollection, dryRunOption, optionsCollection, showFor } from '../common.descriptions';
import { compact, given } from '../../helpers/parameters';
import { ORDER_PATH } from './order.helpers';

/** What the editor previews before a first run (n8n reads the same file). */
export { default as outputSchema } from '../../__schema__/v1.0.0/order/submit.json';

const show = showFor('order', 'submit');

export const description: INodeProperties[] = [
	{
		// CCV calls the merchant being boarded its "customer" here (seed 003); the label says who gets the e-mail.
		displayName: 'Email the Merchant Being Boarded',
		name: 'notifyCustomerByEmail',
		type: 'boolean',
		required: true,
		default: false,
		description:
			'Whether CCV e-mails the merchant you are boarding a link to complete the order at CCV (CCV\'s notifyCustomerByEmail). Shoppers are never e-mailed.',
		displayOptions: show,
	},
	{
		displayName: 'Order',
		name: 'order',
		type: 'json',
		required: true,
		default: '{}',
		description:
			'The order object built with CCV\'s order configurator (Start Order, Add Sales Package, ...), as JSON, or an expression that gives the object. Prices must match what you agreed with CCV. At most 100000 characters.',
		hint: 'Paste the object the order configurator gives, e.g. {"salesPackages": [{"id": "...", "products": [...]}]}',
		displayOptions: show,
	},
	additionalFieldsCollection(show, [
		{
			displayName: 'External Reference',
			name: 'externalReference',
			type: 'string',
			default: '',
			description: 'Your own reference for the order; Order > Get Status returns it',
		},
		{
			displayName: 'Notify On Statuses',
			name: 'notifyOnStatus',
			type: 'multiOptions',
			default: [],
			options: ORDER_STATUSES.map((status) => ({ name: status, value: status })),
			description:
				'The statuses that make CCV call the Status Notification URL. Completed, Closed, Canceled and Failed are the final ones.',
		},
		{
			displayName: 'Status Notification URL',
			name: 'notificationUrl',
			type: 'string',
			default: '',
			placeholder: 'https://example.com/ccv-order-status',
			description:
				'Address CCV calls (once, no retry, no data) when the order reaches one of the statuses chosen in Notify On Statuses; then use Order > Get Status. HTTPS only, and CCV must know the URL first.',
		},
	]),
	optionsCollection('order', 'submit', [dryRunOption]),
];

interface Prepared extends PreparedItem {
	body: IDataObject;
	dryRun: boolean;
}

export function prepare(this: IExecuteFunctions, i: number): Prepared {
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const dryRun = readDryRun(this, i);
	const notifyOnStatus = fields.notifyOnStatus as string[] | undefined;
	const notificationUrl = given(fields.notificationUrl);
	const input = {
		notifyCustomerByEmail: this.getNodeParameter('notifyCustomerByEmail', i),
		externalReference: given(fields.externalReference),
		statusNotificationInformation:
			notificationUrl !== undefined || notifyOnStatus?.length
				? { notificationUrl, notifyOnStatus: notifyOnStatus?.length ? notifyOnStatus : undefined }
				: undefined,
		order: this.getNodeParameter('order', i),
	};
	return { body: compact(validateItem(this, orderSubmit, input, i, orderLabels)) as IDataObject, dryRun };
}

export async function execute(this: IExecuteFunctions, i: number, client: CcvClient, prepared?: Prepared): Promise<IDataObject> {
	const { body, dryRun } = prepared ?? prepare.call(this, i);
	// Not idempotent at CCV: never sent twice automatically (the transport retries only a 429).
	const result = await sendWrite<IDataObject>(client, { api: 'boarding', method: 'POST', path: ORDER_PATH, body }, i, dryRun);
	if (!result.sent) return { action: 'submit', ...result.dryRun };
	const answer = result.response.body;
	// CCV does not document the answer: keep all of it.
	if (answer && typeof answer === 'object' && !Array.isArray(answer)) return answer;
	return { submitted: true, statusCode: result.response.statusCode, response: answer ?? null };
}

/** For the AI-agent guard (actions/toolGuard.ts): this operation sends an order CCV acts on, which cannot be taken back. */
export const guard = { kind: 'submit', action: 'submit a boarding order' } as const;
