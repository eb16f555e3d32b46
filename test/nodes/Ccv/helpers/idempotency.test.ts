import { deriveIdempotencyReference, MAX_IDEMPOTENCY_LENGTH } from '../../../../nodes/Ccv/helpers/idempotency';

describe('deriveIdempotencyReference', () => {
	it('is the same for the same operation and body, whatever the key order', () => {
		const a = deriveIdempotencyReference('refund', { reference: 'P1', amount: '5.00' });
		const b = deriveIdempotencyReference('refund', { amount: '5.00', reference: 'P1' });
		expect(a).toBe(b);
		expect(a.length).toBeLessThanOrEqual(MAX_IDEMPOTENCY_LENGTH);
		expect(a.startsWith('n8n-refund-')).toBe(true);
	});

	it('differs when the amount, the payment or the operation differs', () => {
		const base = deriveIdempotencyReference('refund', { reference: 'P1', amount: '5.00' });
		expect(deriveIdempotencyReference('refund', { reference: 'P1', amount: '5.01' })).not.toBe(base);
		expect(deriveIdempotencyReference('refund', { reference: 'P2', amount: '5.00' })).not.toBe(base);
		expect(deriveIdempotencyReference('capture', { reference: 'P1', amount: '5.00' })).not.toBe(base);
	});

	it('ignores fields left undefined (they are not sent either)', () => {
		expect(deriveIdempotencyReference('refund', { reference: 'P1', description: undefined })).toBe(
			deriveIdempotencyReference('refund', { reference: 'P1' }),
		);
	});
});
