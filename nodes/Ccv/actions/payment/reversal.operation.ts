import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { validateItem } from '../../helpers/validate';
import { paymentLabels, reversal } from '../../schemas/payment';
import { additionalFieldsCollection, dryRunOption, optionsCollection, showFor } from '../common.descriptions';
import { referenceField } from '../transaction/transaction.helpers';
import { alphabetical } from '../../helpers/parameters';
import { followUpFieldOptions, idempotencyKeyOption } from '../money/fields';
import { followUpInput, paymentReferenceKey, prepareMoney, readMoneyOptions } from '../money/prepare';
import { moneyExecute } from '../money/send';
import type { PreparedMoney } from '../money/types';

/** What the editor previews before a first run (n8n reads the same file). */
export { default as outputSchema } from '../../__schema__/v1.0.0/payment/reversal.json';

export const description: INodeProperties[] = [
	referenceField('payment', 'reversal', {
		name: 'paymentReference',
		displayName: 'Payment Reference',
		description:
			'CCV\'s reference of the authorisation to release (card, Apple Pay, Google Pay, Klarna; for terminals also sales and captures). A payment can be reversed only once.',
	}),
	additionalFieldsCollection(showFor('payment', 'reversal'), alphabetical(followUpFieldOptions)),
	optionsCollection('payment', 'reversal', [dryRunOption, idempotencyKeyOption('reversal')]),
];

/** Reads and checks the item; sends nothing. Identity: the payment alone (it is reversed once). */
export function prepare(this: IExecuteFunctions, i: number): PreparedMoney {
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const input = { reference: this.getNodeParameter('paymentReference', i, ''), ...followUpInput(fields) };
	const options = readMoneyOptions(this, i);
	const body = validateItem(this, reversal, input, i, paymentLabels) as IDataObject;
	const payment = body.reference as string;
	return prepareMoney({
		operation: 'reversal',
		body,
		identity: { payment },
		identityText: `reversal of payment ${payment}`,
		options,
		expected: { types: ['reversal'], original: payment },
	});
}

export const execute = moneyExecute(prepare);

export const serialKey = paymentReferenceKey;

/** For the AI-agent guard (actions/toolGuard.ts): this operation moves money. */
export const guard = { kind: 'money', action: 'reverse a payment', amount: { alwaysFull: true } } as const;

/** What identifies the intended transaction: its Idempotency-Reference is derived from these (helpers/idempotency.ts). */
export const idempotency = { operation: 'reversal', identity: ['payment'] } as const;
