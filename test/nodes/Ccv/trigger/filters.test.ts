// Statuses and Transaction Types decide which verified transactions start an execution.
import { type TransactionStatus, type TransactionType } from '../../../../sandbox';
import { useTestSandbox } from '../../../sandbox/testing';
import { asEmitted, callTrigger, emittedBy } from './helpers';

const t = useTestSandbox();

/** Calls the trigger once per reference (emitting each status once is off) and lists what it output. */
async function emittedFor(parameters: Record<string, unknown>, references: string[]) {
	const out: Array<{ reference: unknown; status: unknown; type: unknown }> = [];
	for (const reference of references) {
		const result = await callTrigger(
			t.sb,
			{ eventSource: 'transaction', emitEachStatusOnce: false, ...parameters },
			{ body: { id: reference } },
		);
		for (const json of emittedBy(result) ?? []) out.push({ reference: json.reference, status: json.status, type: json.type });
	}
	return out;
}

describe('CCV Trigger filters', () => {
	it('offers no Vault Store / Vault Usage type (no JSON type says so, issue 28 #10); a saved Vault Store matches the vault transaction, "type": "token" (seed 001:149)', async () => {
		const { TRANSACTION_TYPES } = await import('../../../../nodes/Ccv/trigger/vocabulary');
		expect(TRANSACTION_TYPES).not.toContain('VAULT_STORE');
		expect(TRANSACTION_TYPES).not.toContain('VAULT_USAGE');
		const vault = t.sb.addPayment({ status: 'success', type: 'token' as TransactionType, method: 'vault' }).reference;
		const out = await emittedFor({ transactionTypes: ['vault_store'] }, [vault, t.sb.addPayment({ status: 'success' }).reference]);
		expect(out).toEqual([{ reference: vault, status: 'success', type: 'token' }]);
	});

	it('outputs only the selected statuses', async () => {
		const refs = (['success', 'failed', 'pending', 'manualintervention'] as TransactionStatus[]).map(
			(status) => t.sb.addPayment({ status }).reference,
		);

		const out = await emittedFor({ statuses: ['failed', 'manualintervention'] }, refs);

		expect(out).toEqual([
			{ reference: refs[1], status: 'failed', type: 'sale' },
			{ reference: refs[3], status: 'manualintervention', type: 'sale' },
		]);
		expect(await emittedFor({ statuses: [] }, refs)).toHaveLength(4);
	});

	it('compares statuses and types whatever their case, and outputs them as CCV wrote them', async () => {
		// CCV's docs show an uppercase "PENDING" once; the sandbox answers whatever status it holds.
		const upper = t.sb.addPayment({ status: 'PENDING' as TransactionStatus, type: 'SALE' as TransactionType }).reference;

		const out = await emittedFor({ statuses: ['pending'], transactionTypes: ['sale'] }, [upper]);

		expect(out).toEqual([{ reference: upper, status: expect.stringMatching(/^pending$/i), type: expect.stringMatching(/^sale$/i) }]);
	});

	it('outputs only the selected transaction types, combined with the statuses', async () => {
		const sale = t.sb.addPayment({ status: 'success' }).reference;
		const refund = t.sb.addPayment({ status: 'success', type: 'refund', originalReference: sale }).reference;
		const failedRefund = t.sb.addPayment({ status: 'failed', type: 'refund', originalReference: sale }).reference;
		const capture = t.sb.addPayment({ status: 'success', type: 'capture', originalReference: sale }).reference;
		const all = [sale, refund, failedRefund, capture];

		expect(await emittedFor({ transactionTypes: ['refund'] }, all)).toEqual([
			{ reference: refund, status: 'success', type: 'refund' },
			{ reference: failedRefund, status: 'failed', type: 'refund' },
		]);
		expect(await emittedFor({ transactionTypes: ['refund'], statuses: ['failed'] }, all)).toEqual([
			{ reference: failedRefund, status: 'failed', type: 'refund' },
		]);
		expect(await emittedFor({ transactionTypes: ['sale', 'capture'], statuses: ['success'] }, all)).toEqual([
			{ reference: sale, status: 'success', type: 'sale' },
			{ reference: capture, status: 'success', type: 'capture' },
		]);
	});

	it('applies the same filters to notifications', async () => {
		const ok = t.sb.addPayment({ status: 'success' }).reference;
		const failed = t.sb.addPayment({ status: 'failed' }).reference;

		const out = [];
		for (const reference of [ok, failed]) {
			const result = await callTrigger(
				t.sb,
				{ eventSource: 'notification', statuses: ['failed'] },
				{ body: { notificationId: 'n-1', eventType: 'StatusChanged', reference, created: 1, data: { status: 'success' } } },
			);
			out.push(...(emittedBy(result) ?? []));
		}

		expect(out).toEqual([asEmitted(t.sb.state.transactions()[1], { eventType: 'StatusChanged', query: {} })]);
	});
});
