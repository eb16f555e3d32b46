// Issue 23 #2: a Dry Run that is set but yields nothing (an item without the field, null, undefined)
// must never mean "go ahead". Every operation with Dry Run stops such an item before anything is
// sent, naming the field. Run in n8n's engine, so the expressions resolve as in a user's workflow.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { CcvCredentialData } from '../../../helpers/engine';
import { byExternalId, useSandbox } from '../actions/sandboxRun';

const t = useSandbox({ submitOrderAnswer: 'with-orderId' });

const EMPTY_DRY_RUNS: Array<[string, string]> = [
	['a field the item does not have', '={{ $json.preview }}'],
	['null', '={{ null }}'],
	['undefined', '={{ $json.preview ?? undefined }}'],
];

/** Something real to write to, so a Dry Run read as "off" would show up as a write at the sandbox. */
async function seed(): Promise<{ paymentReference: string; authorisation: string; cardId: string }> {
	const payment = t.sb.addPayment({ amount: '100.00' });
	const authorisation = t.sb.addPayment({ type: 'authorise', amount: '100.00' });
	const { error } = await t.run({
		resource: 'customer',
		operation: 'create',
		customerReference: 'R',
		cardLinking: 'keepOpen',
		additionalFields: { externalId: 'dry-1', linkReferences: ['lr-dry-1'] },
	});
	expect(error).toBeUndefined();
	const card = t.sb.linkCard('lr-dry-1');
	t.sb.clearLog();
	return { paymentReference: payment.reference, authorisation: authorisation.reference, cardId: card.id };
}

type Seeded = Awaited<ReturnType<typeof seed>>;

/** Every operation that has Dry Run, with parameters that would write if Dry Run read as off. */
const OPERATIONS: Array<[string, (s: Seeded) => INodeParameters]> = [
	['Refund > Create', (s) => ({ resource: 'refund', operation: 'create', paymentReference: s.paymentReference, amountToRefund: 'partial', amount: '5.00', methodDetails: 'none' })],
	['Payment > Create', () => ({ resource: 'payment', operation: 'create', amount: '19.99', currency: 'eur', method: 'card', paymentFlow: 'checkout', returnUrl: 'https://shop.example/return', additionalFields: { merchantOrderReference: 'DRY-ORDER-1' } })],
	['Payment > Capture', (s) => ({ resource: 'payment', operation: 'capture', paymentReference: s.authorisation, amountToCapture: 'partial', amount: '10.00' })],
	['Payment > Reversal', (s) => ({ resource: 'payment', operation: 'reversal', paymentReference: s.authorisation })],
	['Customer > Create', () => ({ resource: 'customer', operation: 'create', customerReference: 'R2', cardLinking: 'keepOpen' })],
	['Customer > Update', () => ({ resource: 'customer', operation: 'update', customer: byExternalId('dry-1'), cardLinking: 'disabled' })],
	['Customer > Create or Update', () => ({ resource: 'customer', operation: 'createOrUpdate', externalId: 'dry-2', customerReference: 'R3', cardLinking: 'unchanged', linkReferences: '={{ ["x"] }}' })],
	['Customer > Delete', () => ({ resource: 'customer', operation: 'delete', customer: byExternalId('dry-1') })],
	['Customer > Add Link References', () => ({ resource: 'customer', operation: 'addLinkReferences', customer: byExternalId('dry-1'), linkReferences: '={{ ["new"] }}' })],
	['Customer > Remove Link References', () => ({ resource: 'customer', operation: 'removeLinkReferences', customer: byExternalId('dry-1'), linkReferences: '={{ ["lr-dry-1"] }}' })],
	['Card > Delete', (s) => ({ resource: 'card', operation: 'delete', cardId: s.cardId })],
	['Card > Delete All', () => ({ resource: 'card', operation: 'deleteAll', customer: byExternalId('dry-1') })],
	['Order > Submit', () => ({ resource: 'order', operation: 'submit', notifyCustomerByEmail: true, order: JSON.stringify({ salesPackages: [{ id: 'PSP-STANDALONE', products: [{ id: 'ideal' }] }], orderDate: '2025-05-01' }), additionalFields: {} })],
];

const credentialsFor = (name: string): Partial<{ credentials: CcvCredentialData }> =>
	name.startsWith('Order') ? { credentials: { apiKey: t.sb.apiKey, baseUrl: 'http://127.0.0.1:9', boardingBaseUrl: t.sb.url } } : {};

describe.each(OPERATIONS)('%s: a Dry Run that yields nothing stops the item, nothing sent', (name, parameters) => {
	test.each(EMPTY_DRY_RUNS)('Dry Run as %s', async (_what, expression) => {
		const seeded = await seed();
		const { error, items } = await t.run(
			{ ...parameters(seeded), options: { dryRun: expression } },
			[{ id: 1 } as IDataObject],
			credentialsFor(name),
		);
		expect(t.sb.log.filter((e) => e.method !== 'GET')).toEqual([]);
		expect(t.calls()).toEqual([]);
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/^Item 1 \(index 0\): "Dry Run" must be true or false \(it is (empty|null)\)$/);
	});
});

describe('a Dry Run that reads plainly still works', () => {
	test.each([
		['true from an expression', '={{ true }}', true],
		['false from an expression', '={{ $json.preview === true }}', false],
	])('%s', async (_what, expression, dry) => {
		const seeded = await seed();
		const { error, items } = await t.run({ ...OPERATIONS[7][1](seeded), options: { dryRun: expression } });
		expect(error).toBeUndefined();
		expect(items[0].json.dryRun === true).toBe(dry);
		expect(t.sb.log.some((e) => e.method === 'DELETE')).toBe(!dry);
	});

	test('a Dry Run switch the user never added reads as off (the write goes out)', async () => {
		const seeded = await seed();
		const { error } = await t.run({ ...OPERATIONS[11][1](seeded), options: {} });
		expect(error).toBeUndefined();
		expect(t.calls()).toContain('DELETE /api/v1/customer/externalId/dry-1/card');
	});
});
