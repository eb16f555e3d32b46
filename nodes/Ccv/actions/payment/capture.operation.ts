import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { validateItem } from '../../helpers/validate';
import { capture, paymentLabels } from '../../schemas/payment';
import { additionalFieldsCollection, dryRunOption, optionsCollection, showFor } from '../common.descriptions';
import { referenceField } from '../transaction/transaction.helpers';
import {
	alphabetical,
	amountChoiceFields,
	amountIdentity,
	followUpFieldOptions,
	followUpInput,
	given,
	idempotencyKeyOption,
	moneyExecute,
	orderLinesField,
	paymentReferenceKey,
	prepareMoney,
	readAmount,
	readMoneyOptions,
} from './moneyRequest.shared';
import type { PreparedMoney } from './moneyRequest.shared';

const show = showFor('payment', 'capture');

export const description: INodeProperties[] = [
	referenceField('payment', 'capture', {
		name: 'paymentReference',
		displayName: 'Payment Reference',
		description: 'CCV\'s reference of the authorised payment (made with Transaction Type "Authorise Only")',
	}),
	...amountChoiceFields('payment', 'capture', 'Amount to Capture', 'the authorisation', 'amountToCapture'),
	additionalFieldsCollection(show, alphabetical([...followUpFieldOptions, orderLinesField])),
	optionsCollection('payment', 'capture', [dryRunOption, idempotencyKeyOption('capture')]),
];

/** Reads and checks the item; sends nothing. Identity: authorisation + Full Amount or the partial amount (+ own key). */
export function prepare(this: IExecuteFunctions, i: number): PreparedMoney {
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const input = {
		reference: this.getNodeParameter('paymentReference', i, ''),
		amount: readAmount(this, i, 'amountToCapture', 'Amount to Capture'),
		orderLines: given(fields.orderLines),
		...followUpInput(fields),
	};
	const options = readMoneyOptions(this, i);
	const body = validateItem(this, capture, input, i, paymentLabels) as IDataObject;
	const amount = amountIdentity(body.amount);
	return prepareMoney(
		'capture',
		body,
		{ authorisation: body.reference, amount },
		`capture of authorisation ${body.reference as string}, ${amount === 'full' ? 'full amount' : amount}`,
		options,
	);
}

export const execute = moneyExecute(prepare);

export const serialKey = paymentReferenceKey;

/** For the AI-agent guard (helpers/toolGuard.ts): this operation moves money. */
export const guard = { kind: 'money', action: 'capture an authorisation', amount: { choice: 'amountToCapture', amount: 'amount' } } as const;
