// Catalogue of bad inputs for Customer, Card, Mandate and Order > Submit (issue 15): every one is
// refused before anything is sent, with `Item N (index i): "<Field label>" ...`. One row per case:
// the value reaches the field through an expression ($json.v), as data from a CRM or a sheet would.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../actions/sandboxRun';

const t = useSandbox();

const V = '={{ $json.v }}';
const UUID = '632785d0-e01b-466d-8048-f5539665444d';
const WHY = 'it would change which address at CCV is called';

interface Case {
	operation: string;
	parameters: INodeParameters;
	value: unknown;
	field: string;
	problem: string | RegExp;
}

const cases: Case[] = [];
const add = (operation: string, parameters: INodeParameters, field: string, rows: Array<[unknown, string | RegExp]>) => {
	for (const [value, problem] of rows) cases.push({ operation, parameters, value, field, problem });
};

// Values every text field refuses, and those every path ID refuses.
const badText = (max: number): Array<[unknown, string | RegExp]> => [
	['', 'is required'],
	['   ', 'is required'],
	['x'.repeat(max + 1), `must be at most ${max} characters (it has ${max + 1})`],
	// CCV counts UTF-16 units (issue 23 #14): an emoji is 2.
	['😀'.repeat(Math.floor(max / 2) + 1), `must be at most ${max} characters (it has ${2 * Math.floor(max / 2) + 2}: CCV counts an emoji as 2)`],
	['line\nbreak', 'must not contain control characters (line breaks, tabs or invisible codes)'],
	['tab\there', 'must not contain control characters (line breaks, tabs or invisible codes)'],
	[{ not: 'text' }, 'must be text'],
];
const pathTricks: Array<[unknown, string | RegExp]> = [
	['.', `cannot be ".": ${WHY}`],
	['..', `cannot be "..": ${WHY}`],
	['%2e', `cannot contain "%2e" (a percent-encoded character): ${WHY}`],
	['%2E%2E', `cannot contain "%2E" (a percent-encoded character): ${WHY}`],
	['a/b', `cannot contain "/": ${WHY}`],
	['a?b', `cannot contain "?": ${WHY}`],
	['a#b', `cannot contain "#": ${WHY}`],
];
// Issue 28 #5: an External ID has no character rule (seed 000:682): only "." and ".." (also once decoded) are refused.
const externalIdTricks: Array<[unknown, string | RegExp]> = [
	['.', `cannot be ".": ${WHY}`],
	['..', `cannot be "..": ${WHY}`],
	['%2e', `cannot be "%2e" (it stands for "."): ${WHY}`],
	['%2E%2E', `cannot be "%2E%2E" (it stands for ".."): ${WHY}`],
];
const customerByExternalId = { __rl: true, mode: 'externalId', value: V };
const customerByCcvId = { __rl: true, mode: 'ccvId', value: V };
const badCcvId: Array<[unknown, string | RegExp]> = [
	['12345', /^must be a UUID such as/],
	['..', /^must be a UUID such as/],
	[`${UUID}/card`, /^must be a UUID such as/],
	['', 'is required'],
];

// Customer > Create
const create = { resource: 'customer', operation: 'create', cardLinking: 'keepOpen' };
add('Customer > Create', { ...create, customerReference: V }, 'Customer Reference', badText(64));
add('Customer > Create', { ...create, customerReference: 'R', additionalFields: { externalId: V } }, 'External ID', [
	...externalIdTricks,
	['x'.repeat(65), 'must be at most 64 characters (it has 65)'],
	['crm\u0000', 'must not contain control characters (line breaks, tabs or invisible codes)'],
]);
add('Customer > Create', { ...create, customerReference: 'R', cardLinking: 'until', linkingUntil: V }, 'Card Linking Until', [
	['', 'is required when Card Linking is "Open Until a Date"'],
	['March 7', /is not a date the node can read without guessing/],
	['03/07/2030', /is not a date the node can read without guessing/],
	['tomorrow', /is not a date the node can read without guessing/],
	['2030-02-30', '"2030-02-30" is not a date in the calendar'],
	['2030-13-01T10:00:00Z', '"2030-13-01T10:00:00Z" is not a date in the calendar'],
	[1893456000, '1893456000 looks like seconds since 1970; CCV expects milliseconds (1893456000000)'],
	[-1, '-1 is not a valid point in time'],
	[{ year: 2030 }, 'must be a date, an ISO date text such as 2030-03-07, or milliseconds since 1970'],
]);
add('Customer > Create', { ...create, customerReference: 'R', cardLinking: V, linkingUntil: '2030-01-01' }, 'Card Linking', [
	['unchanged', 'must be one of Keep Linking Open, Open Until a Date, Disable Card Linking (it is "unchanged")'],
	['open', 'must be one of Keep Linking Open, Open Until a Date, Disable Card Linking (it is "open")'],
]);
add('Customer > Create', { ...create, customerReference: 'R', additionalFields: { linkReferences: V } }, 'Link References', [
	[{ code: 'A1' }, 'is an object ({...}): give text or a number'],
	[true, 'is true/false (true): give text or a number'],
	['A1, A1', 'has "A1" twice: each link reference can be given once'],
	[2 ** 64, /too long to be exact: give it as text/],
	[Array.from({ length: 26 }, (_, k) => `r${k}`), 'can hold at most 25 link references (this would make 26)'],
]);

// Customer > Create or Update
const upsert = { resource: 'customer', operation: 'createOrUpdate', cardLinking: 'unchanged' };
add('Customer > Create or Update', { ...upsert, externalId: V, customerReference: 'R' }, 'External ID', [
	['', 'is required'],
	...externalIdTricks,
	['x'.repeat(65), 'must be at most 64 characters (it has 65)'],
]);
add('Customer > Create or Update', { ...upsert, externalId: 'crm-1', customerReference: V }, 'Customer Reference', badText(64).slice(0, 5));
add('Customer > Create or Update', { ...upsert, externalId: 'crm-1', customerReference: 'R', linkReferences: V }, 'Link References', [
	[['A1', { b: 2 }], '(entry 2) is an object ({...}): give text or a number'],
	['x'.repeat(65), '(entry 1) must be at most 64 characters (it has 65)'],
]);

// Customer field on every operation that looks a customer up
const lookups: Array<[string, INodeParameters]> = [
	['Customer > Get', { resource: 'customer', operation: 'get' }],
	['Customer > Delete', { resource: 'customer', operation: 'delete' }],
	['Customer > Update', { resource: 'customer', operation: 'update', cardLinking: 'disabled' }],
	['Customer > Add Link References', { resource: 'customer', operation: 'addLinkReferences', linkReferences: 'x' }],
	['Customer > Remove Link References', { resource: 'customer', operation: 'removeLinkReferences', linkReferences: 'x' }],
	['Card > Get Many', { resource: 'card', operation: 'getAll', returnAll: true }],
	['Card > Delete All', { resource: 'card', operation: 'deleteAll' }],
];
for (const [name, parameters] of lookups) {
	add(name, { ...parameters, customer: customerByExternalId }, 'External ID', [['', 'is required'], ...externalIdTricks]);
	add(name, { ...parameters, customer: customerByCcvId }, 'CCV ID', badCcvId.slice(0, 2));
}

// Customer > Update
const update = { resource: 'customer', operation: 'update', customer: { __rl: true, mode: 'externalId', value: 'crm-1' }, cardLinking: 'unchanged' };
add('Customer > Update', { ...update, updateFields: { customerReference: V } }, 'New Customer Reference', [
	['x'.repeat(65), 'must be at most 64 characters (it has 65)'],
	['a\u0007b', 'must not contain control characters (line breaks, tabs or invisible codes)'],
]);
add('Customer > Update', { ...update, updateFields: { externalId: V } }, 'New External ID', [['..', `cannot be "..": ${WHY}`], ['%2e', `cannot be "%2e" (it stands for "."): ${WHY}`]]);
add('Customer > Update', { ...update, updateFields: { linkReferences: V } }, 'New Link References', [
	['', 'is empty'],
	[{ a: 1 }, 'is an object ({...}): give text or a number'],
]);
// Seed 000:824: required on the update by CCV ID (optional by External ID, 000:1095).
add('Customer > Update', { ...update, customer: { __rl: true, mode: 'ccvId', value: '632785d0-e01b-466d-8048-f5539665444d' }, updateMode: V, updateFields: { customerReference: 'R' } }, 'Card Linking', [
	['replace', 'must be set when replacing the entire customer by CCV ID'],
]);

// Customer > Add / Remove Link References
for (const operation of ['addLinkReferences', 'removeLinkReferences']) {
	const name = operation === 'addLinkReferences' ? 'Customer > Add Link References' : 'Customer > Remove Link References';
	add(name, { resource: 'customer', operation, customer: { __rl: true, mode: 'externalId', value: 'crm-1' }, linkReferences: V }, 'Link References', [
		['', 'is required: give at least one'],
		[' , ', 'is required: give at least one'],
		['A, A', 'has "A" twice: each link reference can be given once'],
	]);
}

// Customer > Get Many
add('Customer > Get Many', { resource: 'customer', operation: 'getAll', customerReference: V, returnAll: true }, 'Customer Reference', badText(64).slice(0, 3));
add('Customer > Get Many', { resource: 'customer', operation: 'getAll', customerReference: 'R', returnAll: false, limit: V }, 'Limit', [
	[0, 'must be a whole number of at least 1 (it is 0)'],
	[2.5, 'must be a whole number of at least 1 (it is 2.5)'],
]);

// Card > Get / Delete
for (const operation of ['get', 'delete']) {
	add(`Card > ${operation === 'get' ? 'Get' : 'Delete'}`, { resource: 'card', operation, cardId: V }, 'Card ID', [
		['abc', /^must be a CCV ID/],
		['.', /^must be a CCV ID/],
		[`${UUID}/..`, /^must be a CCV ID/],
	]);
}

// Mandate > Get
add('Mandate > Get', { resource: 'mandate', operation: 'get', mandateId: V }, 'Mandate ID', [
	['', 'is required'],
	...pathTricks,
	['MAN 1', /^must be a mandate ID such as/],
	['x'.repeat(65), 'must be at most 64 characters (it has 65)'],
	['MAN\n1', 'must not contain control characters (line breaks, tabs or invisible codes)'],
]);

// Order > Submit
const submit = { resource: 'order', operation: 'submit', notifyCustomerByEmail: false, order: '{"salesPackages":[]}', additionalFields: {} };
add('Order > Submit', { ...submit, order: V }, 'Order', [
	['', /^is required/],
	// "{}" is seed 003:459's own example: sent, CCV judges it (issue 28 #9).
	['{ salesPackages: [] }', /^is not valid JSON/],
	['[1]', 'must be a JSON object ({...})'],
	['x'.repeat(100_001), 'is too large: 100001 characters of JSON (at most 100000)'],
]);
add('Order > Submit', { ...submit, additionalFields: { notificationUrl: V } }, 'Status Notification URL', [
	['http://integrator.example/status', 'must be a web address starting with https:// (CCV calls only https addresses)'],
	['ftp://integrator.example', 'must be a web address starting with https:// (CCV calls only https addresses)'],
	['integrator.example', 'must be a web address starting with https:// (CCV calls only https addresses)'],
]);
add('Order > Submit', { ...submit, additionalFields: { externalReference: V } }, 'External Reference', [
	['x'.repeat(256), 'must be at most 255 characters (it has 256)'],
	['a\u0000', 'must not contain control characters (line breaks, tabs or invisible codes)'],
]);
add('Order > Submit', { ...submit, notifyCustomerByEmail: V }, 'Email the Merchant Being Boarded', [['yes', 'must be true or false']]);

describe('every catalogued bad input is refused before anything is sent', () => {
	it(`holds at least 90 cases (${cases.length})`, () => {
		expect(cases.length).toBeGreaterThanOrEqual(90);
	});

	it.each(cases.map((c) => [c.operation, c.field, JSON.stringify(c.value)?.slice(0, 40), c] as const))(
		'%s: "%s" = %s',
		async (_op, _field, _shown, c) => {
			const boarding = c.parameters.resource === 'order';
			const { error } = await t.run(c.parameters, [{ v: c.value } as IDataObject], {
				credentials: { apiKey: t.sb.apiKey, baseUrl: t.sb.url, ...(boarding ? { boardingBaseUrl: t.sb.url } : {}) },
			});
			const prefix = `Item 1 (index 0): "${c.field}" `;
			expect(error?.message.startsWith(prefix) ? error.message.slice(prefix.length) : error?.message).toEqual(
				typeof c.problem === 'string' ? c.problem : expect.stringMatching(c.problem),
			);
			expect(t.sb.log).toEqual([]);
		},
	);
});
