// Issue 15 #13 and #11: messages name the right field and count as a person does; control
// characters, dates without a year and oversized JSON are refused; Boarding notifications are https only.
import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../sandboxRun';

const t = useSandbox();

const create = (customerReference: string, extra: IDataObject = {}) =>
	t.run({ resource: 'customer', operation: 'create', customerReference: '={{ $json.ref }}', cardLinking: 'keepOpen', ...extra }, [{ ref: customerReference }]);

describe('lengths count characters as CCV does (UTF-16 units, issue 23 #14; test/nodes/Ccv/safety/textLength.test.ts)', () => {
	it('33 emoji are 66 characters for CCV: refused, saying why', async () => {
		const { error } = await create('😀'.repeat(33));
		expect(error?.message).toBe('Item 1 (index 0): "Customer Reference" must be at most 64 characters (it has 66: CCV counts an emoji as 2)');
		expect(t.sb.log).toEqual([]);
	});

	it('32 emoji (64 UTF-16 units) are within 64 characters: the node sends them', async () => {
		await create('😀'.repeat(32));
		expect(t.sb.log.map((e) => (e.body as IDataObject).customerReference)).toEqual(['😀'.repeat(32)]);
	});
});

describe('control characters are refused', () => {
	it.each([
		['a line break', 'LOY\n1'],
		['a tab', 'LOY\t1'],
		['a NUL', 'LOY\u00001'],
		['a C1 control', 'LOY\u00851'],
	])('%s', async (_name, value) => {
		const { error } = await create(value);
		expect(error?.message).toBe('Item 1 (index 0): "Customer Reference" must not contain control characters (line breaks, tabs or invisible codes)');
		expect(t.sb.log).toEqual([]);
	});
});

describe('Card Linking Until accepts only dates it can read without guessing', () => {
	const until = (linkingUntil: unknown) =>
		t.run({ resource: 'customer', operation: 'create', customerReference: 'R', cardLinking: 'until', linkingUntil: '={{ $json.d }}' }, [{ d: linkingUntil } as IDataObject]);

	it.each(['March 7', '7 March', '03/07/2030', 'next friday', '2030-3-7'])('refuses %p', async (value) => {
		const { error } = await until(value);
		expect(error?.message).toBe(
			`Item 1 (index 0): "Card Linking Until" "${value}" is not a date the node can read without guessing: write it as 2030-03-07 or 2030-03-07T18:00:00Z (year first)`,
		);
		expect(t.sb.log).toEqual([]);
	});

	it.each<[unknown, number]>([
		['2030-03-07', Date.UTC(2030, 2, 7)],
		['2030-03-07T18:00:00Z', Date.UTC(2030, 2, 7, 18)],
		['2030-03-07T18:00:00.000+01:00', Date.UTC(2030, 2, 7, 17)],
		[Date.UTC(2030, 2, 7), Date.UTC(2030, 2, 7)],
	])('accepts %p', async (value, ms) => {
		const { error } = await until(value);
		expect(error).toBeUndefined();
		expect((t.sb.log[0].body as IDataObject).registrationExpiration).toBe(ms);
	});
});

describe('Order > Submit', () => {
	const submit = (parameters: IDataObject) =>
		t.run(
			{ resource: 'order', operation: 'submit', notifyCustomerByEmail: false, order: '={{ $json.order }}', additionalFields: {}, ...parameters },
			[{ order: { salesPackages: [{ id: 'PSP', note: 'x'.repeat(100_100) }] } }],
			{ credentials: { apiKey: t.sb.apiKey, baseUrl: t.sb.url, boardingBaseUrl: t.sb.url } },
		);

	it('refuses an Order of more than 100000 characters of JSON', async () => {
		const { error } = await submit({});
		expect(error?.message).toMatch(/^Item 1 \(index 0\): "Order" is too large: \d+ characters of JSON \(at most 100000\)$/);
		expect(t.sb.log).toEqual([]);
	});

	it('refuses an http:// Status Notification URL (seed 003: only https)', async () => {
		const { error } = await t.run(
			{ resource: 'order', operation: 'submit', notifyCustomerByEmail: false, order: '{"salesPackages":[]}', additionalFields: { notificationUrl: 'http://integrator.example/status' } },
			undefined,
			{ credentials: { apiKey: t.sb.apiKey, baseUrl: t.sb.url, boardingBaseUrl: t.sb.url } },
		);
		expect(error?.message).toBe('Item 1 (index 0): "Status Notification URL" must be a web address starting with https:// (CCV calls only https addresses)');
		expect(t.sb.log).toEqual([]);
	});
});

it('an empty Mandate ID is reported as the Mandate ID', async () => {
	const { error } = await t.run({ resource: 'mandate', operation: 'get', mandateId: '={{ $json.id }}' }, [{ id: '' }]);
	expect(error?.message).toBe('Item 1 (index 0): "Mandate ID" is required');
	expect(t.sb.log).toEqual([]);
});

it('a CRM ID or loyalty number that an expression gives as a whole number is taken as its digits', async () => {
	const { error } = await t.run(
		{ resource: 'customer', operation: 'createOrUpdate', externalId: '={{ $json.id }}', customerReference: '={{ $json.loyalty }}', cardLinking: 'unchanged' },
		[{ id: 1001, loyalty: 2900000010012 }],
	);
	expect(error).toBeUndefined();
	expect(t.sb.log.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /api/v1/customer/externalId/1001', 'POST /api/v1/customer']);
	expect(t.sb.log[1].body).toMatchObject({ externalId: '1001', customerReference: '2900000010012' });
});
