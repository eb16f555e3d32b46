import type { IDataObject } from 'n8n-workflow';

import type { Expected } from '../../helpers/idempotency';
import type { PreparedItem } from '../../helpers/operation';
import type { Lookup } from './earlier';

// The money room (refund, payment, capture, reversal): what its files hand each other.

export type MoneyOperation = 'refund' | 'payment' | 'capture' | 'reversal';

export type AmountChoice = 'full' | 'partial';

export interface MoneyOptions {
	dryRun: boolean;
	idempotencyKey?: string;
}

/** What prepare() hands to execute() for a money request. */
export interface PreparedMoney extends PreparedItem {
	idempotencyReference: string;
	identity: string;
	operation: MoneyOperation;
	body: IDataObject;
	dryRun: boolean;
	/** The user set the Idempotency Key (else it was derived from the identity). */
	ownKey: boolean;
	/** The intention and its amount: what a remembered body must share to be sent again. */
	substance: IDataObject;
	/** What CCV's answer must show to be this item's transaction. */
	expected: Expected;
	/** What to look up at CCV before creating (refunds, payments with an order). */
	lookup?: Lookup;
}
