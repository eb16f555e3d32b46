// Payment Method > Get Many, and the dropdowns the editor loads from CCV (methods/loadOptions.ts):
// both read GET /api/v1/method with the node's credential and show what the merchant's account offers.
import { LoadOptionsContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type { ILoadOptionsFunctions, INode, INodePropertyOptions } from 'n8n-workflow';

import { Ccv } from '../../../../../nodes/Ccv/Ccv.node';
import { additionalDataFor, nodeCredentials, nodeTypesOf } from '../../../../helpers/engine/setup';
import { useSandbox } from '../sandboxRun';

const t = useSandbox();

describe('Payment Method > Get Many', () => {
	test('one GET /api/v1/method; one item per method, with its name, card brands and iDEAL banks', async () => {
		const { items, error } = await t.run({ resource: 'paymentMethod', operation: 'getAll', options: {} });
		expect(error).toBeUndefined();
		expect(t.calls()).toEqual(['GET /api/v1/method']);
		const byMethod = Object.fromEntries(items.map((item) => [item.json.method, item.json]));
		expect(Object.keys(byMethod)).toEqual(expect.arrayContaining(['card', 'ideal', 'paypal', 'landingpage']));
		expect(byMethod.card).toMatchObject({ name: 'Card', brands: ['visa', 'mastercard', 'maestro', 'amex', 'bcmc'] });
		expect(byMethod.card.options).toEqual(expect.arrayContaining([{ brand: 'visa' }]));
		expect(byMethod.ideal).toMatchObject({ name: 'iDEAL' });
		expect(byMethod.ideal.issuers).toEqual(expect.arrayContaining([{ id: 'INGBNL2A', name: 'ING', group: 'Nederland' }]));
		// Issue 27 #8: every item has options, brands and issuers (empty arrays where the method has none),
		// so n8n's Table view shows no red "undefined" cells.
		expect(byMethod.paypal).toEqual({ method: 'paypal', name: 'PayPal', options: [], brands: [], issuers: [] });
		for (const item of items) expect(Object.keys(item.json)).toEqual(expect.arrayContaining(['options', 'brands', 'issuers']));
		expect(items.every((item) => item.pairedItem !== undefined)).toBe(true);
	});

	test('CCV\'s error reaches the user: a wrong key reads as such', async () => {
		const { error } = await t.run({ resource: 'paymentMethod', operation: 'getAll', options: {} }, [{}], {
			credentials: { apiKey: 't_wrong', baseUrl: t.sb.url },
		});
		expect(error?.message).toMatch(/key/i);
		expect(JSON.stringify(error)).not.toContain('t_wrong');
	});
});

describe('dropdowns loaded from CCV', () => {
	const ccv = new Ccv();

	function loadOptionsContext(apiKey = t.sb.apiKey): ILoadOptionsFunctions {
		const node: INode = {
			id: 'ccv',
			name: 'CCV',
			type: 'ccv',
			typeVersion: 1,
			position: [0, 0],
			parameters: { resource: 'payment', operation: 'create' },
			credentials: nodeCredentials(ccv),
		};
		const workflow = new Workflow({
			id: 'load-options',
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: nodeTypesOf([ccv]),
		});
		const additionalData = additionalDataFor(
			{ id: 'load-options', name: 'load options', active: false, isArchived: false, createdAt: new Date(0), updatedAt: new Date(0), nodes: [node], connections: {}, activeVersionId: null },
			'internal',
			{ apiKey, baseUrl: t.sb.url },
			'load-options',
		);
		return new LoadOptionsContext(workflow, node, additionalData, 'parameters.method');
	}

	const load = async (name: keyof typeof ccv.methods.loadOptions, apiKey?: string): Promise<INodePropertyOptions[]> =>
		await ccv.methods.loadOptions[name].call(loadOptionsContext(apiKey));

	test('the methods the account offers, by name, with what each one has', async () => {
		const options = await load('getPaymentMethods');
		expect(t.calls()).toEqual(['GET /api/v1/method']);
		expect(options.map((o) => o.name)).toEqual([...options.map((o) => o.name)].sort((a, b) => a.localeCompare(b)));
		expect(options).toEqual(
			expect.arrayContaining([
				{ name: 'Card', value: 'card', description: 'Brands: Visa, Mastercard, Maestro, American Express, Bancontact' },
				{ name: 'iDEAL', value: 'ideal', description: 'Banks: ING, Rabobank, ABN AMRO' },
				{ name: 'Landing Page', value: 'landingpage', description: 'The customer picks a method on CCV\'s page' },
				{ name: 'PayPal', value: 'paypal' },
			]),
		);
	});

	test('card brands and iDEAL banks, with the values CCV expects in brand and issuer', async () => {
		expect(await load('getCardBrands')).toEqual([
			{ name: 'American Express', value: 'amex' },
			{ name: 'Bancontact', value: 'bcmc' },
			{ name: 'Maestro', value: 'maestro' },
			{ name: 'Mastercard', value: 'mastercard' },
			{ name: 'Visa', value: 'visa' },
		]);
		expect(await load('getIdealIssuers')).toEqual([
			{ name: 'ABN AMRO', value: 'ABNANL2A', description: 'Nederland' },
			{ name: 'ING', value: 'INGBNL2A', description: 'Nederland' },
			{ name: 'Rabobank', value: 'RABONL2U', description: 'Nederland' },
		]);
	});

	test('a method CCV adds later still appears, under CCV\'s own name', async () => {
		t.sb.faults.add({ kind: 'respond', status: 200, body: [{ method: 'twint' }, { method: 'card' }, {}], match: { path: '^/api/v1/method$' }, count: 1 });
		const options = await load('getPaymentMethods');
		expect(options.map((o) => o.value)).toEqual(['card', 'twint']);
	});

	test('a wrong key: the dropdown shows CCV\'s answer, never the key', async () => {
		await expect(load('getPaymentMethods', 't_wrong')).rejects.toThrow(/key/i);
	});
});
