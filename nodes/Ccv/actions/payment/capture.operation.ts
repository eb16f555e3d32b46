import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { failItem, validateItem } from '../../helpers/validate';
import { capture, paymentLabels } from '../../schemas/payment';
import { additionalFieldsCollection, dryRunOption, optionsCollection, showFor } from '../common.descriptions';
import { referenceField } from '../transaction/transaction.helpers';
import { alphabetical, given } from '../../helpers/parameters';
import { amountChoiceFields, followUpFieldOptions, idempotencyKeyOption, orderLinesField } from '../money/fields';
import { amountIdentity, followUpInput, paymentReferenceKey, prepareMoney, readAmount, readMoneyOptions } from '../money/prepare';
import { moneyExecute } from '../money/send';
import type { PreparedMoney } from '../money/types';

/** What the editor previews before a first run (n8n reads the same file). */
export { default as outputSchema } from '../../__schema__/v1.0.0/payment/capture.json';

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

/**
 * Reads and checks the item; sends nothing. Identity: authorisation + Full Amount, or the capture's
 * own Idempotency Key (CCV documents no merchantOrderReference on a capture). Never the amount alone.
 */
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
	const authorisation = body.reference as string;
	const full = body.amount === undefined;
	if (!full && options.idempotencyKey === undefined) {
		failItem(
			this,
			i,
			'"Idempotency Key" is required for a partial capture (under Options)',
			'Give the capture its own key, such as the shipment ID: a second capture of the same amount on this authorisation would otherwise be taken for this one. CCV has no order reference on a capture, so the key is the only way to tell them apart. Nothing was sent to CCV for this item.',
		);
	}
	return prepareMoney({
		operation: 'capture',
		body,
		// Full Amount keeps the reference it always had (a run begun before this rule is still one capture).
		identity: { authorisation, amount: full ? 'full' : undefined },
		identityText: `capture of authorisation ${authorisation}, ${full ? 'full amount' : amountIdentity(body.amount)}`,
		options,
		expected: { amount: full ? undefined : (body.amount as string), types: ['capture'], original: authorisation },
	});
}

export const execute = moneyExecute(prepare);

export const serialKey = paymentReferenceKey;

/** For the AI-agent guard (actions/toolGuard.ts): this operation moves money. */
export const guard = { kind: 'money', action: 'capture an authorisation', amount: { choice: 'amountToCapture', amount: 'amount' } } as const;

/** What identifies the intended transaction: its Idempotency-Reference is derived from these (helpers/idempotency.ts). */
export const idempotency = { operation: 'capture', identity: ['authorisation', 'amount'] } as const;
