// Payment > Capture and Payment > Reversal of an authorisation: exact requests with their
// Idempotency-Reference, re-runs that change nothing, and duplicate_request.
import type { IDataObject } from 'n8n-workflow';
import { useSandbox } from '../sandboxRun';


const t = useSandbox();

function run(operation: 'capture' | 'reversal', parameters: IDataObject) {
	return t.run({ resource: 'payment', operation, additionalFields: {}, options: {}, ...parameters });
}

const posts = () => t.sb.log.filter((e) => e.method === 'POST');
const ofType = (type: string) => t.sb.state.transactions().filter((tx) => tx.type === type);
const authorisation = (amount = '30.00') => t.sb.addPayment({ type: 'authorise', amount });

describe('Payment > Capture', () => {
	it('captures part of an authorisation: exact body and its own Idempotency Key, sent as given', async () => {
		const auth = authorisation();
		const { items, error } = await run('capture', {
			paymentReference: auth.reference,
			amountToCapture: 'partial',
			amount: '12.50',
			additionalFields: { description: 'First shipment' },
			options: { idempotencyKey: 'SHIP-1' },
		});
		expect(error).toBeUndefined();
		expect(posts()[0].path).toBe('/api/v1/capture');
		expect(posts()[0].body).toEqual({ reference: auth.reference, amount: '12.50', description: 'First shipment' });
		expect(posts()[0].headers['idempotency-reference']).toBe('SHIP-1');
		expect(items[0].json).toMatchObject({ type: 'capture', amount: 12.5, originalReference: auth.reference });
	});

	it('captures the full amount with "Full Amount"; re-running it captures nothing more', async () => {
		const auth = authorisation('30.00');
		const first = await run('capture', { paymentReference: auth.reference, amountToCapture: 'full' });
		const again = await run('capture', { paymentReference: auth.reference, amountToCapture: 'full' });
		expect(posts()[0].body).toEqual({ reference: auth.reference });
		expect(again.error).toBeUndefined();
		expect(again.items[0].json.reference).toBe(first.items[0].json.reference);
		expect([first.items[0].json.replayed, again.items[0].json.replayed]).toEqual([false, true]);
		expect(ofType('capture')).toHaveLength(1);
	});

	it('duplicate_request: a new capture after the authorisation was captured in full', async () => {
		const auth = authorisation('30.00');
		await run('capture', { paymentReference: auth.reference, amountToCapture: 'full' });
		const { error } = await run('capture', { paymentReference: auth.reference, amount: '1.00', options: { idempotencyKey: 'SHIP-2' } });
		expect(error?.message).toMatch(/^CCV refused the capture/);
		expect(error?.context?.ccvError).toMatchObject({ failureCode: expect.stringMatching(/^duplicate_request$/i) });
	});

	it('refuses an amount with three decimals before sending', async () => {
		const auth = authorisation();
		const { error } = await run('capture', { paymentReference: auth.reference, amount: '1.005', options: { idempotencyKey: 'SHIP-3' } });
		expect(error?.message).toBe('Item 1 (index 0): "Amount" "1.005" has more than 2 decimals');
		expect(t.sb.log).toHaveLength(0);
	});
});

describe('Payment > Reversal', () => {
	it('releases an authorisation: exact body and derived Idempotency-Reference', async () => {
		const auth = authorisation();
		const { items, error } = await run('reversal', {
			paymentReference: auth.reference,
			additionalFields: { description: 'Out of stock', webhookUrl: 'https://shop.example/hook' },
		});
		expect(error).toBeUndefined();
		expect(posts()[0].path).toBe('/api/v1/reversal');
		expect(posts()[0].body).toEqual({ reference: auth.reference, description: 'Out of stock', webhookUrl: 'https://shop.example/hook' });
		expect(posts()[0].headers['idempotency-reference']).toMatch(/^n8n-reversal-[0-9a-f]{37}$/);
		expect(items[0].json).toMatchObject({ type: 'reversal', originalReference: auth.reference, status: expect.stringMatching(/^pending$/i), replayed: false });
	});

	it('re-running the same reversal returns the same reversal, no error', async () => {
		const auth = authorisation();
		const first = await run('reversal', { paymentReference: auth.reference });
		const again = await run('reversal', { paymentReference: auth.reference });
		expect(again.error).toBeUndefined();
		expect(again.items[0].json.reference).toBe(first.items[0].json.reference);
		expect(ofType('reversal')).toHaveLength(1);
	});

	it('duplicate_request: a second, different reversal of the same payment', async () => {
		const auth = authorisation();
		await run('reversal', { paymentReference: auth.reference });
		const { error } = await run('reversal', { paymentReference: auth.reference, options: { idempotencyKey: 'second-try' } });
		expect(error?.message).toMatch(/^CCV refused the reversal/);
		expect(error?.description).toContain('has already been reversed');
		expect(ofType('reversal')).toHaveLength(1);
	});
});
