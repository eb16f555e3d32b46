// How a money output's `replayed` is decided (helpers/idempotency.ts isReplay): CCV does not document
// what a repeated request returns (REFERENCE §4), so these rows pin what is and is not detected.
import { answerMismatch, CLOCK_TOLERANCE_MS, isReplay } from '../../../../../nodes/Ccv/helpers/idempotency';

const START = 1_800_000_000_000;
const sent = { reference: 'C1', amount: '5.00', description: 'Ticket 7' };
const fresh = { reference: 'R1', amount: 5, description: 'Ticket 7', created: START + 40 };

const rows: Array<[string, Parameters<typeof isReplay>[0], boolean]> = [
	['a new transaction created after the request was first sent', { sentBody: sent, answer: fresh, startedAt: START }, false],
	['the same transaction this process already got for this request', { sentBody: sent, answer: fresh, startedAt: START, earlier: 'R1' }, true],
	['another transaction than the one remembered (CCV forgot the key)', { sentBody: sent, answer: fresh, startedAt: START, earlier: 'R0' }, false],
	['created well before this execution first sent it', { sentBody: sent, answer: { ...fresh, created: START - CLOCK_TOLERANCE_MS - 1 }, startedAt: START }, true],
	['created just before, within the clock tolerance: not detectable', { sentBody: sent, answer: { ...fresh, created: START - CLOCK_TOLERANCE_MS + 1 }, startedAt: START }, false],
	// Issue 24: another amount or currency is not a replay but a mismatch (answerMismatch): the item fails.
	['another amount than was sent', { sentBody: sent, answer: { ...fresh, amount: 6 }, startedAt: START }, false],
	['the same amount written differently (5 vs "5.00")', { sentBody: { ...sent, amount: '5' }, answer: fresh, startedAt: START }, false],
	['another description than was sent', { sentBody: sent, answer: { ...fresh, description: 'Ticket 6' }, startedAt: START }, true],
	['no description sent: CCV\'s own is not compared', { sentBody: { reference: 'C1', amount: '5.00' }, answer: { ...fresh, description: 'Order 1' }, startedAt: START }, false],
	['another currency than was sent', { sentBody: { ...sent, currency: 'eur' }, answer: { ...fresh, currency: 'GBP' }, startedAt: START }, false],
	['the same currency in upper case', { sentBody: { ...sent, currency: 'eur' }, answer: { ...fresh, currency: 'EUR' }, startedAt: START }, false],
	['a full refund (no amount sent)', { sentBody: { reference: 'C1' }, answer: { ...fresh, amount: 42.15 }, startedAt: START }, false],
];

it.each(rows)('%s', (_name, args, expected) => {
	expect(isReplay(args)).toBe(expected);
});

describe('answerMismatch: an answer that is not what the item asked for fails the item (issue 24)', () => {
	const expected = { amount: '5.00', currency: 'eur', types: ['refund'], original: 'P1' };
	it.each([
		['the same transaction, amounts written differently', { amount: 5, currency: 'EUR', type: 'refund', originalReference: 'P1' }, []],
		['another amount', { amount: 6, type: 'refund' }, ['its amount is 6, this item asks for 5.00']],
		['another currency', { currency: 'gbp', type: 'refund' }, ['its currency is gbp, this item asks for eur']],
		['another type', { type: 'sale' }, ['it is a sale, this item asks for a refund']],
		['another payment', { type: 'refund', originalReference: 'P2' }, ['it belongs to payment P2, this item names payment P1']],
	])('%s', (_name, answer, differences) => {
		expect(answerMismatch(expected, answer)).toEqual(differences);
	});
});
