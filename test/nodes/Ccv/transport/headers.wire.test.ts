// Headers and error wording at the wire (issue 28 #13, #14).
// #14: seed 000 lists "Content-Type: application/json" for GETs (../shared/seeds/000_e22deb89d35d45bf.txt:934,
// 1205, 1314, 1379) and none for its DELETEs (000:905, 998, 1429); CCV's Salesforce cartridge sends it on
// every request (PLUGINS.md). A strict CCV must never answer such a GET 415.
// #13: CCV's Magento and PrestaShop plugins show a 403 as "Your ip has been blocked. Please contact CCV."
// (PLUGINS.md); unknown statuses and failure codes pass through with their raw value (php-lib's strict
// enums throw on them: PLUGINS.md) and never fail an item.
import { runCcvNode } from '../../../helpers/engine';
import { runProbe } from '../router/fakeNode';
import { useWire } from './wire';

const wire = useWire();
beforeEach(() => {
	wire.handle(() => ({ status: 200, body: { ok: true } }));
});
const FAKE_TEST_KEY = ['t', 'wire', 'fake'].join('_');
const creds = () => ({ apiKey: FAKE_TEST_KEY, baseUrl: wire.url });

describe('Content-Type on GETs (seed 000:934, 1205, 1314, 1379; issue 28 #14)', () => {
	it('a GET carries Content-Type: application/json and no body', async () => {
		const { error } = await runProbe(creds(), { method: 'GET', path: '/api/v1/customer/abc/card' });
		expect(error).toBeUndefined();
		expect(wire.log).toHaveLength(1);
		expect(wire.log[0].method).toBe('GET');
		expect(wire.log[0].headers['content-type']).toBe('application/json');
		expect(wire.log[0].body).toBe('');
	});

	it('Transaction > Get sends it too (a real operation, through n8n\'s request helper)', async () => {
		wire.handle(() => ({ status: 200, body: { reference: 'C1', status: 'success', type: 'sale' } }));
		const { error } = await runCcvNode({
			parameters: { resource: 'transaction', operation: 'get', transactionReference: 'C1', options: {} },
			credentials: creds(),
		});
		expect(error).toBeUndefined();
		expect(wire.log.map((r) => [r.method, r.headers['content-type']])).toEqual([['GET', 'application/json']]);
	});

	it('a DELETE, for which the pages list no Content-Type (000:905, 998, 1429), is sent without one', async () => {
		const { error } = await runProbe(creds(), { method: 'DELETE', path: '/api/v1/card/abc' });
		expect(error).toBeUndefined();
		expect(wire.log[0].method).toBe('DELETE');
		expect(wire.log[0].headers['content-type']).toBeUndefined();
	});
});

describe('403: CCV refused this key from this address (PLUGINS.md; issue 28 #13)', () => {
	it('the error says the key was refused from this address and to contact CCV', async () => {
		wire.handle(() => ({ status: 403, body: { type: 'input_error', message: 'Forbidden', reference: 'r1' } }));
		const { error } = await runProbe(creds(), { method: 'GET', path: '/api/v1/card/abc' });
		expect(error?.message).toBe('CCV refused this API key from this address (IP address blocked)');
		expect(error?.description).toContain('Contact CCV');
		expect(error?.description).toContain('CCV support reference: r1.');
		expect(error?.description).not.toContain(FAKE_TEST_KEY);
	});
});

describe('unknown statuses and failure codes pass through (PLUGINS.md; issue 28 #13)', () => {
	it('Transaction > Get outputs them as CCV sent them, and the item does not fail', async () => {
		wire.handle(() => ({ status: 200, body: { reference: 'C2', type: 'sale', status: 'chargeback_pending', failureCode: 'NEW_CODE_2027' } }));
		const { items, error } = await runCcvNode({
			parameters: { resource: 'transaction', operation: 'get', transactionReference: 'C2', options: {} },
			credentials: creds(),
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ reference: 'C2', status: 'chargeback_pending', failureCode: 'NEW_CODE_2027' });
		expect(items[0].json).not.toHaveProperty('failureCodeMeaning');
	});

	it('an error with an unknown failure code names it raw, in the headline and the description', async () => {
		wire.handle(() => ({ status: 400, body: { type: 'process_error', message: 'Declined', failureCode: 'brand_new_code', reference: 'r2' } }));
		const { error } = await runProbe(creds(), { method: 'POST', path: '/api/v1/probe' });
		expect(error?.message).toBe('CCV refused the request (failure code brand_new_code)');
		expect(error?.description).toContain('Failure code brand_new_code');
	});
});
