// Guard-rails when an AI agent runs the CCV node as a tool (nodes/Ccv/actions/toolGuard.ts).
// The engine tests run the node as n8n-core runs a tool call (test/nodes/Ccv/safety/toolRun.ts).
import type { IDataObject, IExecuteFunctions, INode, INodeParameters } from 'n8n-workflow';

import { Ccv } from '../../../../nodes/Ccv/Ccv.node';
import {
	ALLOW_PARAMETER,
	guardedOperations,
	MAX_AMOUNT_PARAMETER,
	MAX_TOTAL_PARAMETER,
	enforceToolGuard,
	isRunningAsTool,
	toolGuardRefusal,
} from '../../../../nodes/Ccv/actions/toolGuard';
import type { CallAmount } from '../../../../nodes/Ccv/actions/toolGuard';
import { addToTally, tallied, tallyKey, tallySize } from '../../../../nodes/Ccv/helpers/agentTally';
import { seeFix } from '../../../../nodes/Ccv/helpers/fixLinks';
import { runCcvNode } from '../../../helpers/engine';
import { useTestSandbox } from '../../../sandbox/testing';
import { callTool as callToolIn } from '../safety/toolRun';
import type { ToolCallOptions } from '../safety/toolRun';

const cents = (shown: string): CallAmount => ({ cents: BigInt(Math.round(Number(shown) * 100)), shown });

describe('the decision', () => {
	const refund = { resource: 'refund', operation: 'create' };

	test('reads are never guarded, whatever the switch says', () => {
		for (const [resource, operation] of [
			['customer', 'get'],
			['customer', 'getAll'],
			['transaction', 'getAll'],
			['refund', 'get'],
			['paymentMethod', 'getAll'],
			['mandate', 'get'],
		]) {
			expect(toolGuardRefusal({ resource, operation, allowed: false, amounts: [] })).toBeUndefined();
		}
	});

	test('money, delete, erase and submit operations are refused while the author has not allowed them, saying nothing was sent', () => {
		const refusal = toolGuardRefusal({ ...refund, allowed: false, amounts: [] });
		expect(refusal?.message).toBe('Refused: an AI agent may not refund a payment with this CCV node');
		expect(refusal?.description).toMatch(/^This operation moves money, so it is off for AI agents by default\. Nothing was sent to CCV\./);
		expect(toolGuardRefusal({ resource: 'customer', operation: 'delete', allowed: false, amounts: [] })?.description).toMatch(
			/deletes data in CCV/,
		);
		const guarded = Object.entries(guardedOperations()).flatMap(([resource, ops]) => Object.keys(ops).map((op) => `${resource}.${op}`));
		expect(guarded.sort()).toEqual([
			'card.delete',
			'card.deleteAll',
			'customer.createOrUpdate',
			'customer.delete',
			'customer.removeLinkReferences',
			'customer.update',
			'order.submit',
			'payment.capture',
			'payment.create',
			'payment.reversal',
			'refund.create',
		]);
	});

	test('allowed without a maximum: any amount, and Full Amount, may go', () => {
		expect(toolGuardRefusal({ ...refund, allowed: true, maxAmount: '', amounts: ['full', cents('99999.99')] })).toBeUndefined();
	});

	test('with a maximum: up to it goes, a cent above, Full Amount or an unreadable amount is refused', () => {
		const call = (amounts: CallAmount[]) => toolGuardRefusal({ ...refund, allowed: true, maxAmount: '50.00', amounts });
		expect(call([cents('50.00'), cents('0.01')])).toBeUndefined();
		expect(call([cents('10'), cents('50.01')])?.message).toBe(
			'Refused: Item 2 (index 1) asks to refund a payment for 50.01, above the maximum of 50.00 per AI agent call',
		);
		expect(call(['full'])?.message).toBe(
			'Refused: Item 1 (index 0) asks to refund a payment for the full amount while AI agent calls are limited to 50.00',
		);
		expect(call([{ invalid: '19,99' }])?.message).toBe(
			'Refused: Item 1 (index 0) has the amount "19,99", which cannot be checked against the maximum of 50.00',
		);
	});

	test('a maximum that is not an amount refuses rather than letting everything through', () => {
		expect(toolGuardRefusal({ ...refund, allowed: true, maxAmount: '50,00', amounts: [cents('1.00')] })?.message).toBe(
			'Refused: "Max Amount per AI Agent Call" is "50,00", which is not an amount',
		);
	});
});

describe('with a faked n8n context', () => {
	function fakeContext(type: string, parameters: IDataObject, items = 1): IExecuteFunctions {
		const node = { name: 'CCV', type, typeVersion: 1, parameters } as unknown as INode;
		return {
			getNode: () => node,
			getExecutionId: () => 'fake-execution',
			getWorkflow: () => ({ id: 'fake-workflow' }),
			getInputData: () => Array.from({ length: items }, () => ({ json: {} })),
			getNodeParameter: (name: string, _i: number, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		} as unknown as IExecuteFunctions;
	}

	test('a node whose type ends in Tool is an agent\'s tool; the plain node is not', () => {
		expect(isRunningAsTool(fakeContext('CUSTOM.ccvTool', {}))).toBe(true);
		expect(isRunningAsTool(fakeContext('n8n-nodes-ccv.ccvTool', {}))).toBe(true);
		expect(isRunningAsTool(fakeContext('CUSTOM.ccv', {}))).toBe(false);
	});

	test('the plain node is never guarded; the tool is, until allowed, and then within the maximum', () => {
		const partial = { amountToRefund: 'partial', amount: '80.00' };
		expect(() => enforceToolGuard(fakeContext('CUSTOM.ccv', partial), 'refund', 'create')).not.toThrow();
		expect(() => enforceToolGuard(fakeContext('CUSTOM.ccvTool', partial), 'refund', 'create')).toThrow(
			'Refused: an AI agent may not refund a payment with this CCV node',
		);
		expect(() => enforceToolGuard(fakeContext('CUSTOM.ccvTool', { ...partial, [ALLOW_PARAMETER]: true }), 'refund', 'create')).not.toThrow();
		expect(() =>
			enforceToolGuard(fakeContext('CUSTOM.ccvTool', { ...partial, [ALLOW_PARAMETER]: true, [MAX_AMOUNT_PARAMETER]: '50' }), 'refund', 'create'),
		).toThrow('above the maximum of 50 per AI agent call');
		expect(() =>
			enforceToolGuard(
				fakeContext('CUSTOM.ccvTool', { amountToRefund: 'full', [ALLOW_PARAMETER]: true, [MAX_AMOUNT_PARAMETER]: '50' }),
				'refund',
				'create',
			),
		).toThrow('for the full amount');
		expect(() =>
			enforceToolGuard(fakeContext('CUSTOM.ccvTool', { [ALLOW_PARAMETER]: true, [MAX_AMOUNT_PARAMETER]: '50' }), 'payment', 'reversal'),
		).toThrow('for the full amount');
	});
});

describe('the switches in the node\'s description', () => {
	const { properties } = new Ccv().description;

	test('appear only on the tool variant ("@tool"), on the guarded operations, off and empty by default, fixed values only', () => {
		const allow = properties.filter((p) => p.name === ALLOW_PARAMETER);
		const max = properties.filter((p) => p.name === MAX_AMOUNT_PARAMETER || p.name === MAX_TOTAL_PARAMETER);
		expect(allow.map((p) => [p.displayOptions?.show?.resource, p.displayOptions?.show?.operation])).toEqual([
			[['customer'], ['createOrUpdate', 'update', 'removeLinkReferences', 'delete']],
			[['card'], ['delete', 'deleteAll']],
			[['refund'], ['create']],
			[['payment'], ['create', 'capture', 'reversal']],
			[['order'], ['submit']],
		]);
		expect(max.map((p) => [p.name, p.displayOptions?.show?.resource])).toEqual([
			[MAX_AMOUNT_PARAMETER, ['refund']],
			[MAX_TOTAL_PARAMETER, ['refund']],
			[MAX_AMOUNT_PARAMETER, ['payment']],
			[MAX_TOTAL_PARAMETER, ['payment']],
		]);
		for (const p of [...allow, ...max]) expect(p.displayOptions?.show?.['@tool']).toEqual([true]);
		for (const p of [...allow, ...max]) expect(p.noDataExpression).toBe(true);
		expect(allow.every((p) => p.default === false)).toBe(true);
		expect(max.every((p) => p.default === '' && p.displayOptions?.show?.[ALLOW_PARAMETER]?.[0] === true)).toBe(true);
	});
});

// ------------------------------------------------------------------------------------------------
// The node run the way n8n runs a tool (test/nodes/Ccv/safety/toolRun.ts).

const fixture = useTestSandbox({ seed: true });
const callTool = (parameters: INodeParameters, toolArgs: IDataObject = {}, options: ToolCallOptions = {}) =>
	callToolIn({ apiKey: fixture.sb.apiKey, baseUrl: fixture.sb.url }, parameters, toolArgs, options);

const refundParameters = (reference: string, extra: IDataObject = {}): INodeParameters => ({
	resource: 'refund',
	operation: 'create',
	paymentReference: reference,
	amountToRefund: 'partial',
	amount: '={{ $fromAI("amount", "How much to refund", "string") }}',
	// A partial refund needs its own reference (issue 24).
	additionalFields: { merchantOrderReference: 'RMA-AI-1' },
	options: {},
	...extra,
});

/**
 * The thrown refusal is one text (issue 27 #8, #9): its first sentence, why and what to do, then the link
 * to where the guard is explained.
 */
function oneText(first: string): RegExp {
	const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(`^${escape(first)}\\. .*Nothing was sent to CCV\\..* ${escape(seeFix('aiAgent'))}$`, 's');
}

describe('run as an AI agent\'s tool (in-process, as n8n-core runs a tool call)', () => {
	test('a refund the author did not allow is refused and nothing reaches CCV', async () => {
		const payment = fixture.sb.addPayment({ amount: '50.00' });
		fixture.sb.clearLog();
		const { error } = await callTool(refundParameters(payment.reference), { amount: '10.00' });
		expect(error?.message).toMatch(oneText('Refused: an AI agent may not refund a payment with this CCV node'));
		expect(fixture.sb.log).toEqual([]);
	});

	test('allowed, within the maximum: the refund the agent asked for is sent once', async () => {
		const payment = fixture.sb.addPayment({ amount: '50.00' });
		fixture.sb.clearLog();
		const { items, error } = await callTool(
			refundParameters(payment.reference, { [ALLOW_PARAMETER]: true, [MAX_AMOUNT_PARAMETER]: '25.00' }),
			{ amount: '10.00' },
		);
		expect(error).toBeUndefined();
		expect(fixture.sb.log.filter((e) => e.method === 'POST').map((e) => [e.method, e.path, (e.body as IDataObject)?.amount])).toEqual([['POST', '/api/v1/refund', '10.00']]);
		expect(items?.[0]).toMatchObject({ type: 'refund', status: expect.any(String) });
	});

	test('allowed, above the maximum: refused, nothing sent', async () => {
		const payment = fixture.sb.addPayment({ amount: '50.00' });
		fixture.sb.clearLog();
		const { error } = await callTool(
			refundParameters(payment.reference, { [ALLOW_PARAMETER]: true, [MAX_AMOUNT_PARAMETER]: '25.00' }),
			{ amount: '25.01' },
		);
		expect(error?.message).toMatch(
			oneText('Refused: Item 1 (index 0) asks to refund a payment for 25.01, above the maximum of 25.00 per AI agent call'),
		);
		expect(fixture.sb.log).toEqual([]);
	});

	test('a delete the author did not allow is refused; a read runs', async () => {
		fixture.sb.clearLog();
		const deleting = await callTool({
			resource: 'customer',
			operation: 'delete',
			customer: { __rl: true, mode: 'externalId', value: 'crm-1001' },
			options: {},
		});
		expect(deleting.error?.message).toMatch(oneText('Refused: an AI agent may not delete a customer with this CCV node'));
		expect(fixture.sb.log).toEqual([]);

		const reading = await callTool({
			resource: 'customer',
			operation: 'get',
			customer: { __rl: true, mode: 'externalId', value: '={{ $fromAI("externalId") }}' },
			options: {},
		}, { externalId: 'crm-1001' });
		expect(reading.error).toBeUndefined();
		expect(reading.items?.map((item) => item.externalId)).toEqual(['crm-1001']);
	});

	test('the same refund in a normal workflow is not guarded', async () => {
		const payment = fixture.sb.addPayment({ amount: '50.00' });
		fixture.sb.clearLog();
		const { error } = await runCcvNode({
			parameters: { ...refundParameters(payment.reference), amount: '30.00' },
			credentials: { apiKey: fixture.sb.apiKey, baseUrl: fixture.sb.url },
		});
		expect(error).toBeUndefined();
		expect(fixture.sb.log.filter((e) => e.method === 'POST').map((e) => [e.method, e.path])).toEqual([['POST', '/api/v1/refund']]);
	});
});

describe('the per-execution tally (helpers/agentTally.ts)', () => {
	test('is bounded: at most 1000 executions are remembered, the least recently used forgotten first', () => {
		const key = (n: number) => tallyKey(`bound-${n}`, 'wf', 'CCV');
		addToTally(key(0), 100n);
		for (let n = 1; n <= 1200; n++) {
			addToTally(key(n), 1n);
			if (n % 100 === 0) addToTally(key(0), 0n); // execution 0 is still in use
		}
		expect(tallySize()).toBeLessThanOrEqual(1000);
		expect(tallied(key(0))).toBe(100n);
		expect(tallied(key(1))).toBe(0n);
		expect(tallied(key(1200))).toBe(1n);
	});
});
