import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterKey } from '../../helpers/serialKey';
import { validateItem } from '../../helpers/validate';
import { paymentLabels, reversal } from '../../schemas/payment';
import type { CcvClient } from '../../transport';
import { additionalFieldsCollection, dryRunOption, optionsCollection, showFor } from '../common.descriptions';
import { referenceField } from '../transaction/transaction.helpers';
import {
	followUpFieldOptions,
	followUpInput,
	idempotencyKeyOption,
	readMoneyOptions,
	sendMoneyRequest,
} from './moneyRequest.shared';

export const description: INodeProperties[] = [
	referenceField('payment', 'reversal', {
		name: 'paymentReference',
		displayName: 'Payment Reference',
		description:
			'CCV\'s reference of the authorisation to release (card, Apple Pay, Google Pay, Klarna; for terminals also sales and captures). A payment can be reversed only once.',
	}),
	additionalFieldsCollection(showFor('payment', 'reversal'), followUpFieldOptions),
	optionsCollection('payment', 'reversal', [dryRunOption, idempotencyKeyOption('reversal')]),
];

export async function execute(this: IExecuteFunctions, i: number, client: CcvClient): Promise<IDataObject> {
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const input = { reference: this.getNodeParameter('paymentReference', i), ...followUpInput(fields) };
	const options = readMoneyOptions(this, i);
	const body = validateItem(this, reversal, input, i, paymentLabels) as IDataObject;
	return await sendMoneyRequest(client, i, 'reversal', body, options);
}

export function serialKey(this: IExecuteFunctions, i: number): string | undefined {
	return parameterKey(this, i, 'payment', 'paymentReference');
}
