import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { seeFix } from '../../helpers/fixLinks';
import { itemLabel } from '../../helpers/itemLabel';
import { answerMismatch, cents, deriveIdempotencyReference } from '../../helpers/idempotency';
import type { Expected } from '../../helpers/idempotency';
import type { CcvClient } from '../../transport';
import { getTransaction, isOpenStatus, listTransactions } from '../../helpers/transactions';

// What CCV already holds for an intention, read before creating (REFERENCE §4 point 4, §7). CCV keeps
// an Idempotency-Reference for a time it does not document; these reads make a re-run safe after
// that too, and in every n8n process:
//   refund:  GET ?reference=<payment> (its amount and type) and GET ?originalReferences=<payment>
//            (its refunds and captures): an earlier refund with this item's own Merchant Order
//            Reference (a partial refund with only an Idempotency Key sends that key as its Merchant
//            Order Reference, the one documented refund field CCV shows back, seed 004:473), or an
//            earlier Full Amount refund, is this refund;
//   payment: GET ?merchantOrderReference=<order>: an open or paid payment of the order is this
//            payment; otherwise the next attempt is 1 + the order's failed payments.

export interface RefundLookup {
	kind: 'refund';
	payment: string;
	/** The refund's own Merchant Order Reference (for a partial refund with only a key: that key). */
	order?: string;
	/** `order` is the user's Idempotency Key, sent as the Merchant Order Reference. */
	orderIsKey?: boolean;
	/**
	 * The user's own Idempotency Key beside their own Merchant Order Reference: the key, not the
	 * reference, names this refund, and CCV shows no key on a refund.
	 */
	ownKey?: string;
	/** The partial amount; undefined for Full Amount. */
	amount?: string;
	/** The user allows refunds above what is left of the payment. */
	allowAboveRemaining: boolean;
}

export interface PaymentLookup {
	kind: 'payment';
	order: string;
	mandateId?: string;
	/** The identity the attempt's reference is derived from. */
	identity: IDataObject;
}

export type Lookup = RefundLookup | PaymentLookup;

export type Earlier =
	| { kind: 'existing'; transaction: IDataObject; attempt?: number }
	| { kind: 'send'; idempotencyReference?: string; attempt?: number; expected?: Partial<Expected> };

const lower = (v: unknown) => String(v ?? '').toLowerCase();
const money = (value: number) => (value / 100).toFixed(2);

function refuse(ctx: IExecuteFunctions, i: number, message: string, description: string): never {
	throw new NodeOperationError(ctx.getNode(), `${itemLabel(i)}: ${message}`, {
		itemIndex: i,
		description: `${description} Nothing was sent to CCV for this item.`,
	});
}

function fails(ctx: IExecuteFunctions, i: number, what: string, tx: IDataObject, differences: string[], why?: string): never {
	return refuse(
		ctx,
		i,
		`CCV already holds ${what} ${String(tx.reference)}, and it is not what this item asks for: ${differences.join('; ')}`,
		why ??
			'The node will not output it as this item\'s result. If this item is a different one on purpose, give it its own reference (Merchant Order Reference or Idempotency Key); if the item is wrong, correct it.',
	);
}

/** A reused own key, told in the words of CCV's own refusal (refusal.ts explainRefusal). */
const keyNamesIt = (key: string) =>
	`CCV already holds a refund made with the Idempotency Key "${key}" and other details (for example another amount): this key names that refund (the node sends a partial refund's key as its Merchant Order Reference, where CCV shows it). Nothing new was created. To make a second, separate refund, give it its own Idempotency Key; to repeat the first one, send it with the same details.`;

const live = (tx: IDataObject) => lower(tx.status) !== 'failed';

async function refundEarlier(
	ctx: IExecuteFunctions,
	client: CcvClient,
	i: number,
	lookup: RefundLookup,
	sentHere?: (reference: string) => boolean,
): Promise<Earlier> {
	const payment = await getTransaction(client, lookup.payment, i);
	const followUps = await listTransactions(client, i, { originalReferences: lookup.payment }, Infinity);
	const ofType = (type: string) => followUps.filter((tx) => lower(tx.type) === type && live(tx));
	if (lower(payment.type) === 'authorise') {
		const captures = ofType('capture').map((tx) => String(tx.reference));
		refuse(
			ctx,
			i,
			`"Payment Reference" ${lookup.payment} is an authorisation: refund its capture instead`,
			captures.length
				? `CCV refunds the captured money through the capture's reference, as CCV's own plugins do: use ${captures.join(' or ')} as the Payment Reference.`
				: 'It was not captured, so no money was taken: release it with Payment > Reversal instead (or capture it first with Payment > Capture).',
		);
	}
	const refunds = ofType('refund');
	const paymentCents = cents(payment.amount);
	const full = lookup.amount === undefined;
	const same = refunds.find((tx) =>
		lookup.order !== undefined ? tx.merchantOrderReference === lookup.order : full && cents(tx.amount) === paymentCents,
	);
	if (same) {
		const expected = { amount: lookup.amount ?? (payment.amount === undefined ? undefined : String(payment.amount)), types: ['refund'], original: lookup.payment };
		const differences = answerMismatch(expected, same);
		if (differences.length) fails(ctx, i, `refund`, same, differences, lookup.orderIsKey ? keyNamesIt(String(lookup.order)) : undefined);
		// Two returns of one order may share its number as Merchant Order Reference, each with its own
		// key: unless this process sent this key and got this refund, the node cannot tell them apart.
		if (lookup.ownKey !== undefined && sentHere?.(String(same.reference)) !== true) {
			refuse(
				ctx,
				i,
				`CCV already holds refund ${String(same.reference)} with Merchant Order Reference "${String(lookup.order)}" on payment ${lookup.payment} (${String(same.amount)})`,
				`CCV shows no Idempotency Key on a refund, so the node cannot tell whether that refund is this item run again (Idempotency Key "${lookup.ownKey}") or another refund with the same Merchant Order Reference. If it is this item run again, the refund is already made: nothing more to do. If it is another refund (for example a second return of the same order), give this refund its own Merchant Order Reference, such as the return ticket. ${seeFix('idempotency')}`,
			);
		}
		return { kind: 'existing', transaction: same };
	}
	if (!lookup.allowAboveRemaining && paymentCents !== undefined) {
		const refunded = refunds.reduce((total, tx) => total + (cents(tx.amount) ?? 0), 0);
		const left = paymentCents - refunded;
		const asked = full ? paymentCents : (cents(lookup.amount) ?? 0);
		if (asked > left) {
			refuse(
				ctx,
				i,
				`"Amount" ${full ? `(Full Amount, ${money(asked)})` : lookup.amount} is more than is left to refund of payment ${lookup.payment} (${money(left)})`,
				`The payment was ${money(paymentCents)}; ${money(refunded)} of it is already refunded or being refunded (${refunds.map((tx) => String(tx.reference)).join(', ')}). To refund more than the payment on purpose (CCV allows it on some accounts), turn on "Allow Refund Above What Is Left".`,
			);
		}
	}
	return { kind: 'send', expected: { currency: payment.currency === undefined ? undefined : String(payment.currency), amount: full && payment.amount !== undefined ? String(payment.amount) : undefined } };
}

async function paymentEarlier(ctx: IExecuteFunctions, client: CcvClient, i: number, lookup: PaymentLookup, expected: Expected): Promise<Earlier> {
	const found = await listTransactions(client, i, { merchantOrderReference: lookup.order }, Infinity);
	const attempts = found
		.filter((tx) => ['sale', 'authorise'].includes(lower(tx.type)))
		// Charges of a mandate are told apart from other payments of the order by their mandate.
		.filter((tx) => lookup.mandateId === undefined || (tx.details as IDataObject | undefined)?.mandateId === lookup.mandateId);
	const standing = attempts.filter((tx) => lower(tx.status) === 'success' || isOpenStatus(String(tx.status ?? '')));
	const failed = attempts.length - standing.length;
	if (standing.length) {
		const byNewest = [...standing].sort((a, b) => Number(b.created ?? 0) - Number(a.created ?? 0));
		const chosen = byNewest.find((tx) => lower(tx.status) === 'success') ?? byNewest[0];
		const differences = answerMismatch(expected, chosen);
		if (differences.length) fails(ctx, i, `for order "${lookup.order}" the payment`, chosen, differences);
		return { kind: 'existing', transaction: chosen, attempt: failed + 1 };
	}
	const attempt = failed + 1;
	// Attempt 1 keeps the reference a payment of this order always had; attempt n derives its own, so
	// two processes starting attempt n at once send the same reference and CCV makes one payment.
	return {
		kind: 'send',
		attempt,
		idempotencyReference: attempt === 1 ? undefined : deriveIdempotencyReference('payment', { ...lookup.identity, attempt }),
	};
}

/** What CCV already holds for this item's intention, or how to send it. Reads only. */
export async function findEarlier(
	ctx: IExecuteFunctions,
	client: CcvClient,
	i: number,
	lookup: Lookup,
	expected: Expected,
	/** Whether this n8n process sent this item's key and CCV's answer (or an open outcome) may be this transaction. */
	sentHere?: (reference: string) => boolean,
): Promise<Earlier> {
	return lookup.kind === 'refund'
		? await refundEarlier(ctx, client, i, lookup, sentHere)
		: await paymentEarlier(ctx, client, i, lookup, expected);
}
