// idempotencyRetention: how long CCV keeps an Idempotency-Reference is undocumented (REFERENCE §4).
// A re-run of the same refund or payment must not move money twice under any retention.
import { DEFAULT_READINGS } from '../../../../sandbox';
import { useMatrixSandbox, type ReadingCase } from './matrix';

const t = useMatrixSandbox();

const CASES: ReadingCase[] = [
	['forever', { idempotencyRetention: 'forever' }],
	['60 s', { idempotencyRetention: 60 }],
	['off', { idempotencyRetention: 'off' }],
];

describe.each(CASES)('idempotencyRetention %s', (_label, readings) => {
	beforeEach(() => t.sb.readings.set(readings));

	// Under every retention, 'off' included: before creating, the node finds the earlier refund at CCV
	// by its Merchant Order Reference (GET ?originalReferences=<payment>), issue 24.
	it('re-running Refund > Create for the same item makes one refund', async () => {
		const payment = t.sb.addPayment({ amount: '30.00' });
		const params = {
			resource: 'refund',
			operation: 'create',
			paymentReference: payment.reference,
			amountToRefund: 'partial',
			amount: '10.00',
			additionalFields: { merchantOrderReference: 'RMA-1' },
			options: {},
		};
		expect((await t.run(params)).error).toBeUndefined();
		expect((await t.run(params)).error).toBeUndefined();
		expect(t.sb.state.transactions().filter((x) => x.type === 'refund' && x.originalReference === payment.reference)).toHaveLength(1);
	});

	// Payments: the node finds the order's open payment at CCV (GET ?merchantOrderReference=<order>).
	it('re-running Payment > Create for the same order makes one payment', async () => {
		const params = {
			resource: 'payment',
			operation: 'create',
			amount: '12.00',
			currency: 'eur',
			method: 'card',
			returnUrl: 'https://shop.example/return',
			additionalFields: { merchantOrderReference: 'IDEM-1' },
			options: {},
		};
		expect((await t.run(params)).error).toBeUndefined();
		expect((await t.run(params)).error).toBeUndefined();
		expect(t.sb.state.transactions().filter((x) => x.merchantOrderReference === 'IDEM-1')).toHaveLength(1);
	});
});

it('the sandbox keeps a reference for a finite time by default (issue 28 #15: the strict reading); forever is a switch', () => {
	expect(DEFAULT_READINGS.idempotencyRetention).toEqual(expect.any(Number));
	expect(CASES.map(([label]) => label)).toContain('forever');
});
