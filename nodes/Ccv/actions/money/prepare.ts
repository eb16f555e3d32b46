import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readDryRun } from '../../helpers/dryRun';
import { deriveIdempotencyReference } from '../../helpers/idempotency';
import type { Expected } from '../../helpers/idempotency';
import { canonicalAmount } from '../../helpers/money';
import { compact, given, readChoice } from '../../helpers/parameters';
import { parameterKey } from '../../helpers/serialKey';
import { failItem, validateItem } from '../../helpers/validate';
import { idempotencyKey } from '../../schemas/payment';
import type { Lookup } from './earlier';
import type { AmountChoice, MoneyOperation, MoneyOptions, PreparedMoney } from './types';

// Reading a money item: the amount (Full or Partial, never an empty field), Dry Run and the
// Idempotency Key, and the checked request with its Idempotency-Reference made from the
// transaction's business identity (helpers/idempotency.ts).

/** The partial amount as given (checked later by the schema), or undefined for Full Amount. */
export function readAmount(ctx: IExecuteFunctions, i: number, name: string, label: string): unknown {
	const choice = readChoice<AmountChoice>(ctx, i, name, label, ['full', 'partial'], 'partial');
	if (choice === 'full') return undefined;
	const value = given(ctx.getNodeParameter('amount', i, ''));
	if (value === undefined) {
		failItem(
			ctx,
			i,
			`"Amount" is required when "${label}" is Partial Amount (it is empty)`,
			'Nothing was sent to CCV for this item. To use the whole amount, choose Full Amount.',
		);
	}
	return value;
}


export function readMoneyOptions(ctx: IExecuteFunctions, i: number): MoneyOptions {
	const options = ctx.getNodeParameter('options', i, {}) as { idempotencyKey?: string };
	const key = given(options.idempotencyKey);
	return {
		dryRun: readDryRun(ctx, i),
		idempotencyKey: key === undefined ? undefined : validateItem(ctx, idempotencyKey, key, i, { '': 'Idempotency Key' }),
	};
}


/** The follow-up fields from an Additional Fields collection. */
export function followUpInput(fields: IDataObject): IDataObject {
	return {
		description: given(fields.description),
		webhookUrl: given(fields.webhookUrl),
		notificationRequests: given(fields.notificationRequests),
	};
}


/**
 * The checked request with its Idempotency-Reference: the user's key as given, or one derived from
 * `identity` (the fields that identify the intended transaction, never free text or amounts alone).
 */
export function prepareMoney(args: {
	operation: MoneyOperation;
	body: IDataObject;
	identity: IDataObject;
	identityText: string;
	options: MoneyOptions;
	expected: Expected;
	lookup?: Lookup;
	/** Further fields a remembered body must share (e.g. a payment's method). */
	substance?: IDataObject;
}): PreparedMoney {
	const { operation, identity, identityText, options, expected, lookup } = args;
	const payload = compact(args.body);
	const idempotencyReference = options.idempotencyKey ?? deriveIdempotencyReference(operation, identity);
	return {
		idempotencyReference,
		identity: options.idempotencyKey ? `${identityText} (Idempotency Key "${options.idempotencyKey}")` : identityText,
		operation,
		body: payload,
		dryRun: options.dryRun,
		ownKey: options.idempotencyKey !== undefined,
		substance: { ...identity, amount: amountIdentity(payload.amount), currency: payload.currency, ...args.substance },
		expected,
		lookup,
	};
}


/** Refund, capture and reversal: items about one payment run one after the other, in input order. */
export function paymentReferenceKey(this: IExecuteFunctions, i: number): string | undefined {
	return parameterKey(this, i, 'payment', 'paymentReference');
}


/** A refund's or capture's amount as part of its identity: "full", or the amount written canonically. */
export function amountIdentity(amount: unknown): string {
	return amount === undefined ? 'full' : canonicalAmount(amount as string);
}

