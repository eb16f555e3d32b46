// Issue 23 #3, #4, #5: the AI-agent guard, run as n8n runs the CCV node as an agent's tool
// (test/nodes/Ccv/safety/toolRun.ts), against the sandbox. Every refusal: nothing reaches CCV.
import type { IDataObject, INodeParameters, INodeProperties } from 'n8n-workflow';

import { Ccv } from '../../../../nodes/Ccv/Ccv.node';
import { resources } from '../../../../nodes/Ccv/actions/resources';
import { useTestSandbox } from '../../../sandbox/testing';
import { callTool as callToolIn } from './toolRun';
import type { ToolCallOptions } from './toolRun';

const ALLOW = 'aiAgentAllowed';
const MAX_AMOUNT = 'aiAgentMaxAmount';
const MAX_TOTAL = 'aiAgentMaxTotal';

const fixture = useTestSandbox({ seed: true });
const callTool = (parameters: INodeParameters, toolArgs: IDataObject = {}, options: ToolCallOptions = {}) =>
	callToolIn({ apiKey: fixture.sb.apiKey, baseUrl: fixture.sb.url }, parameters, toolArgs, options);
const writes = () => fixture.sb.log.filter((e) => e.method !== 'GET');
/** A refusal is one text (issue 27 #8): its first sentence, then why and what to do. */
const startsWith = (sentence: string) => new RegExp(`^${sentence.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\. `);

const refund = (reference: string, extra: IDataObject = {}): INodeParameters => ({
	resource: 'refund',
	operation: 'create',
	paymentReference: reference,
	amountToRefund: 'partial',
	amount: '={{ $fromAI("amount", "How much to refund", "string") }}',
	additionalFields: {},
	options: {},
	...extra,
});

async function customer(externalId: string): Promise<void> {
	const made = await callTool({
		resource: 'customer',
		operation: 'create',
		customerReference: 'R',
		cardLinking: 'keepOpen',
		additionalFields: { externalId, linkReferences: [`lr-${externalId}`, `lr2-${externalId}`] },
		options: {},
	});
	expect(made.error).toBeUndefined();
	fixture.sb.clearLog();
}

describe('#3 the guard fields cannot be handed to the model', () => {
	test('no ✨ in n8n\'s editor: every guard field has noDataExpression', () => {
		const guardFields = new Ccv().description.properties.filter((p) => [ALLOW, MAX_AMOUNT, MAX_TOTAL].includes(p.name));
		expect(guardFields.length).toBeGreaterThan(0);
		expect(guardFields.filter((p) => p.noDataExpression !== true).map((p) => p.name)).toEqual([]);
	});

	test.each([
		['$fromAI (one ✨ click)', '={{ $fromAI("allow", "Allow the refund?", "boolean") }}'],
		['a fixed expression', '={{ true }}'],
		['an expression on the call\'s data', '={{ $json.allow }}'],
	])('"Allow When an AI Agent Calls It" as %s: refused, nothing sent', async (_what, expression) => {
		const payment = fixture.sb.addPayment({ amount: '50.00' });
		fixture.sb.clearLog();
		const { error } = await callTool(refund(payment.reference, { [ALLOW]: expression }), { amount: '10.00', allow: true });
		expect(error?.message).toMatch(startsWith('Refused: "Allow When an AI Agent Calls It" is set by an expression on this CCV node'));
		expect(error?.message).toMatch(/Nothing was sent to CCV/);
		expect(fixture.sb.log).toEqual([]);
	});

	test.each([
		['Max Amount per AI Agent Call', MAX_AMOUNT],
		['Max Total per AI Agent Execution', MAX_TOTAL],
	])('"%s" from $fromAI: refused, nothing sent', async (label, name) => {
		const payment = fixture.sb.addPayment({ amount: '50.00' });
		fixture.sb.clearLog();
		const { error } = await callTool(
			refund(payment.reference, { [ALLOW]: true, [name]: '={{ $fromAI("max", "The maximum", "string") }}' }),
			{ amount: '40.00', max: '1000.00' },
		);
		expect(error?.message).toMatch(startsWith(`Refused: "${label}" is set by an expression on this CCV node`));
		expect(fixture.sb.log).toEqual([]);
	});
});

describe('#4 every operation that deletes, erases or moves money is guarded, declared on the operation', () => {
	test('every operation of every resource declares its guard', () => {
		const kinds = ['read', 'write', 'money', 'delete', 'erase', 'submit'];
		const missing: string[] = [];
		for (const [resource, operations] of Object.entries(resources)) {
			for (const [operation, module] of Object.entries(operations)) {
				const guard = (module as { guard?: { kind?: string; action?: string; amount?: IDataObject } }).guard;
				if (!guard || !kinds.includes(String(guard.kind))) missing.push(`${resource}.${operation}`);
				else if (!['read', 'write'].includes(guard.kind!) && !guard.action) missing.push(`${resource}.${operation} (no action)`);
				else if (guard.kind === 'money' && !guard.amount) missing.push(`${resource}.${operation} (no amount)`);
			}
		}
		expect(missing).toEqual([]);
	});

	test('the money operations\' amount fields exist in their own descriptions', () => {
		for (const [resource, operations] of Object.entries(resources)) {
			for (const [operation, module] of Object.entries(operations)) {
				const guard = (module as { guard?: { kind?: string; amount?: { choice?: string; amount?: string } } }).guard;
				if (guard?.kind !== 'money') continue;
				const names = (module.description as INodeProperties[]).map((p) => p.name);
				for (const field of [guard.amount?.choice, guard.amount?.amount].filter(Boolean)) {
					expect([`${resource}.${operation}`, names.includes(field!)]).toEqual([`${resource}.${operation}`, true]);
				}
			}
		}
	});

	test('Customer > Update with "Fields Not Set Here = Clear Them": refused, external ID and link references kept', async () => {
		await customer('erase-1');
		const { error } = await callTool({
			resource: 'customer',
			operation: 'update',
			customer: { __rl: true, mode: 'externalId', value: 'erase-1' },
			cardLinking: 'disabled',
			updateMode: 'replace',
			updateFields: { customerReference: 'R2' },
			options: {},
		});
		expect(error?.message).toMatch(startsWith('Refused: an AI agent may not update a customer with this CCV node'));
		expect(error?.message).toMatch(/overwrites or clears data in CCV/);
		expect(writes()).toEqual([]);
		expect(fixture.sb.state.customers().find((c) => c.externalId === 'erase-1')).toMatchObject({
			linkReferences: ['lr-erase-1', 'lr2-erase-1'],
		});
	});

	test('Customer > Remove Link References: refused, nothing sent', async () => {
		await customer('erase-2');
		const { error } = await callTool({
			resource: 'customer',
			operation: 'removeLinkReferences',
			customer: { __rl: true, mode: 'externalId', value: 'erase-2' },
			linkReferences: 'lr-erase-2,lr2-erase-2',
			options: {},
		});
		expect(error?.message).toMatch(startsWith('Refused: an AI agent may not remove link references from a customer with this CCV node'));
		expect(writes()).toEqual([]);
	});

	test('Customer > Create or Update (replaces fields of an existing customer): refused, nothing sent', async () => {
		await customer('erase-3');
		const { error } = await callTool({
			resource: 'customer',
			operation: 'createOrUpdate',
			externalId: 'erase-3',
			customerReference: 'OTHER',
			cardLinking: 'disabled',
			linkReferences: 'x',
			options: { linkReferencesMode: 'replace' },
		});
		expect(error?.message).toMatch(startsWith('Refused: an AI agent may not create or update a customer with this CCV node'));
		expect(writes()).toEqual([]);
	});

	test('Order > Submit (a boarding order cannot be taken back): refused, nothing sent', async () => {
		fixture.sb.clearLog();
		const { error } = await callToolIn({ apiKey: fixture.sb.apiKey, baseUrl: fixture.sb.url, boardingBaseUrl: fixture.sb.url }, {
			resource: 'order',
			operation: 'submit',
			notifyCustomerByEmail: true,
			order: JSON.stringify({ salesPackages: [{ id: 'PSP-STANDALONE', products: [{ id: 'ideal' }] }], orderDate: '2025-05-01' }),
			additionalFields: {},
			options: {},
		});
		expect(error?.message).toMatch(startsWith('Refused: an AI agent may not submit a boarding order with this CCV node'));
		expect(fixture.sb.log).toEqual([]);
	});

	test('allowed by the author, Customer > Update goes through', async () => {
		await customer('erase-4');
		const { error } = await callTool({
			resource: 'customer',
			operation: 'update',
			customer: { __rl: true, mode: 'externalId', value: 'erase-4' },
			cardLinking: 'unchanged',
			updateFields: { customerReference: 'R2' },
			options: {},
			[ALLOW]: true,
		});
		expect(error).toBeUndefined();
		expect(writes().map((e) => e.method)).toEqual(['PUT']);
	});

	test('adding (Customer > Create, Add Link References) is not guarded', async () => {
		await customer('add-1');
		const { error } = await callTool({
			resource: 'customer',
			operation: 'addLinkReferences',
			customer: { __rl: true, mode: 'externalId', value: 'add-1' },
			linkReferences: 'lr3-add-1',
			options: {},
		});
		expect(error).toBeUndefined();
		expect(writes().map((e) => e.method)).toEqual(['PUT']);
	});
});

describe('#5 a total per agent execution beside the per-call maximum', () => {
	const allowed = { [ALLOW]: true, [MAX_AMOUNT]: '25.00', [MAX_TOTAL]: '50.00' };

	test('four calls at 25.00 with a 50.00 total: two refunds go out, the third and fourth are refused with nothing sent', async () => {
		const payment = fixture.sb.addPayment({ amount: '100.00' });
		fixture.sb.clearLog();
		const results = [];
		for (let call = 1; call <= 4; call++) {
			const before = writes().length;
			const { error } = await callTool(refund(payment.reference, { ...allowed, additionalFields: { description: `call ${call}`, merchantOrderReference: `RMA-${call}` } }), { amount: '25.00' }, { executionId: 'agent-run-1' });
			if (error) expect(error.message).toMatch(/\. Nothing was sent to CCV\. /);
			// The refusal's first sentence (issue 27 #8: one text, why and what to do follow it).
			results.push({ call, sent: writes().length - before, error: error?.message.split('. Nothing was sent to CCV.')[0] });
		}
		expect(results).toEqual([
			{ call: 1, sent: 1, error: undefined },
			{ call: 2, sent: 1, error: undefined },
			{ call: 3, sent: 0, error: 'Refused: this call would bring what AI agent calls moved with this CCV node in this execution to 75.00, above the maximum of 50.00 (50.00 so far)' },
			{ call: 4, sent: 0, error: 'Refused: this call would bring what AI agent calls moved with this CCV node in this execution to 75.00, above the maximum of 50.00 (50.00 so far)' },
		]);
		expect(writes().map((e) => (e.body as IDataObject).amount)).toEqual(['25.00', '25.00']);
	});

	test('the total belongs to one execution and one node: another execution starts again at 0', async () => {
		const payment = fixture.sb.addPayment({ amount: '100.00' });
		fixture.sb.clearLog();
		const call = (executionId: string, n: number) =>
			callTool(refund(payment.reference, { ...allowed, additionalFields: { description: `run ${executionId} ${n}`, merchantOrderReference: `RMA-${executionId}-${n}` } }), { amount: '25.00' }, { executionId });
		expect((await call('agent-run-2', 1)).error).toBeUndefined();
		expect((await call('agent-run-2', 2)).error).toBeUndefined();
		expect((await call('agent-run-2', 3)).error?.message).toMatch(/above the maximum of 50\.00/);
		expect((await call('agent-run-3', 1)).error).toBeUndefined();
		expect(writes()).toHaveLength(3);
	});

	test('with a total set, Full Amount (amount not known before sending) is refused', async () => {
		const payment = fixture.sb.addPayment({ amount: '100.00' });
		fixture.sb.clearLog();
		const { error } = await callTool(refund(payment.reference, { [ALLOW]: true, [MAX_TOTAL]: '50.00', amountToRefund: 'full' }), {}, { executionId: 'agent-run-4' });
		expect(error?.message).toMatch(/full amount while AI agent calls are limited/);
		expect(fixture.sb.log).toEqual([]);
	});
});
