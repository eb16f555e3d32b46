import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterKey } from '../../helpers/serialKey';
import { validateItem } from '../../helpers/validate';
import { capture, paymentLabels } from '../../schemas/payment';
import type { CcvClient } from '../../transport';
import { additionalFieldsCollection, dryRunOption, optionsCollection, showFor } from '../common.descriptions';
import { referenceField } from '../transaction/transaction.helpers';
import {
	followUpFieldOptions,
	followUpInput,
	given,
	idempotencyKeyOption,
	readMoneyOptions,
	sendMoneyRequest,
} from './moneyRequest.shared';

const show = showFor('payment', 'capture');

export const description: INodeProperties[] = [
	referenceField('payment', 'capture', {
		name: 'paymentReference',
		displayName: 'Payment Reference',
		description: 'CCV\'s reference of the authorised payment (made with Transaction Type "Authorise Only")',
	}),
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'string',
		default: '',
		placeholder: 'e.g. 19.99',
		description:
			'How much of the authorised amount to take, with a dot and at most 2 decimals. Leave empty to capture the full amount.',
		displayOptions: show,
	},
	additionalFieldsCollection(show, followUpFieldOptions),
	optionsCollection('payment', 'capture', [dryRunOption, idempotencyKeyOption('capture')]),
];

export async function execute(this: IExecuteFunctions, i: number, client: CcvClient): Promise<IDataObject> {
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const input = {
		reference: this.getNodeParameter('paymentReference', i),
		amount: given(this.getNodeParameter('amount', i, '')),
		...followUpInput(fields),
	};
	const options = readMoneyOptions(this, i);
	const body = validateItem(this, capture, input, i, paymentLabels) as IDataObject;
	return await sendMoneyRequest(client, i, 'capture', body, options);
}

export function serialKey(this: IExecuteFunctions, i: number): string | undefined {
	return parameterKey(this, i, 'payment', 'paymentReference');
}
