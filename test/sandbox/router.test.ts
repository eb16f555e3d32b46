// The route table: every route CCV documents, where each path lands, literal segments winning,
// and what "." / ".." and unknown paths get.
/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling: runs in Node, never inside n8n */
import { request } from 'node:http';
import { Router } from '../../sandbox/router';
import { ALL_ROUTES } from '../../sandbox/routes';
import { useTestSandbox } from './testing';

const router = new Router(ALL_ROUTES);

/** "METHOD path -> route pattern {params}" for a request. */
function landing(method: string, path: string): string {
	const m = router.match(method, path);
	if (m.kind === 'none') return 'none';
	if (m.kind === 'wrong-method') return `405 ${m.allowed.join(',')}`;
	return `${m.route.path} ${JSON.stringify(m.params)}`;
}

describe('route table (seed 000, REFERENCE §7-§8, §10-§12)', () => {
	it.each([
		['POST', '/api/v1/customer', '/api/v1/customer {}'],
		['GET', '/api/v1/customer', '/api/v1/customer {}'],
		['GET', '/api/v1/customer/c1', '/api/v1/customer/:id {"id":"c1"}'],
		['PUT', '/api/v1/customer/c1', '/api/v1/customer/:id {"id":"c1"}'],
		['DELETE', '/api/v1/customer/c1', '/api/v1/customer/:id {"id":"c1"}'],
		['GET', '/api/v1/customer/c1/card', '/api/v1/customer/:id/card {"id":"c1"}'],
		['DELETE', '/api/v1/customer/c1/card', '/api/v1/customer/:id/card {"id":"c1"}'],
		['GET', '/api/v1/customer/externalId/e1', '/api/v1/customer/externalId/:externalId {"externalId":"e1"}'],
		['PUT', '/api/v1/customer/externalId/e1', '/api/v1/customer/externalId/:externalId {"externalId":"e1"}'],
		['DELETE', '/api/v1/customer/externalId/e1', '/api/v1/customer/externalId/:externalId {"externalId":"e1"}'],
		['GET', '/api/v1/customer/externalId/e1/card', '/api/v1/customer/externalId/:externalId/card {"externalId":"e1"}'],
		['DELETE', '/api/v1/customer/externalId/e1/card', '/api/v1/customer/externalId/:externalId/card {"externalId":"e1"}'],
		// The literal "externalId" wins over the parameter: this is customer "card" by external id,
		// never the card list of a customer whose CCV id is "externalId".
		['GET', '/api/v1/customer/externalId/card', '/api/v1/customer/externalId/:externalId {"externalId":"card"}'],
		['DELETE', '/api/v1/customer/externalId/card', '/api/v1/customer/externalId/:externalId {"externalId":"card"}'],
		['GET', '/api/v1/card/k1', '/api/v1/card/:id {"id":"k1"}'],
		['DELETE', '/api/v1/card/k1', '/api/v1/card/:id {"id":"k1"}'],
		['POST', '/api/v1/payment', '/api/v1/payment {}'],
		['POST', '/api/v1/refund', '/api/v1/refund {}'],
		['POST', '/api/v1/capture', '/api/v1/capture {}'],
		['POST', '/api/v1/reversal', '/api/v1/reversal {}'],
		['GET', '/api/v1/transaction', '/api/v1/transaction {}'],
		['GET', '/api/v1/mandate/MAN1.0', '/api/v1/mandate/:mandateId {"mandateId":"MAN1.0"}'],
		['GET', '/api/v1/method', '/api/v1/method {}'],
		['POST', '/api/ordercompletion/reseller/order', '/api/ordercompletion/reseller/order {}'],
		['GET', '/api/ordercompletion/reseller/order/o1/status', '/api/ordercompletion/reseller/order/:orderId/status {"orderId":"o1"}'],
		['GET', '/api/v1/customer/a%2Fb', '/api/v1/customer/:id {"id":"a/b"}'],
		['PATCH', '/api/v1/customer/c1', '405 GET,PUT,DELETE'],
		['GET', '/api/v1/payment', '405 POST'],
		['GET', '/api/v1/customer//card', 'none'],
		['GET', '/api/v1/customer/a/b/c', 'none'],
		['GET', '/api/v2/customer', 'none'],
		['GET', '/api/v1/customer/externalId', '/api/v1/customer/:id {"id":"externalId"}'],
	])('%s %s -> %s', (method, path, expected) => {
		expect(landing(method, path)).toBe(expected);
	});

	it('covers every route in the table above', () => {
		expect(ALL_ROUTES.map((r) => `${r.method} ${r.path}`)).toHaveLength(23);
	});
});

describe('over HTTP', () => {
	const t = useTestSandbox({ seed: true });

	/** Sends the path byte for byte (undici and fetch resolve dot segments before sending). */
	function rawCall(method: string, path: string): Promise<{ status: number; type: string; body: string }> {
		const url = new URL(t.sb.url);
		return new Promise((resolve, reject) => {
			const req = request(
				{ host: url.hostname, port: url.port, method, path, headers: { authorization: `Basic ${Buffer.from(`${t.sb.apiKey}:`).toString('base64')}` } },
				(res) => {
					let body = '';
					res.on('data', (chunk: Buffer) => (body += chunk.toString()));
					res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
				},
			);
			req.on('error', reject);
			req.end();
		});
	}

	it('DELETE /customer/externalId/card deletes the customer whose externalId is "card", not anyone\'s cards', async () => {
		const created = await t.api.post('/api/v1/customer', { externalId: 'card', customerReference: 'R', registrationExpiration: 0 });
		const before = t.sb.state.cards().length;
		expect((await t.api.delete('/api/v1/customer/externalId/card')).status).toBe(204);
		expect(t.sb.state.customers().some((c) => c.id === created.body.id)).toBe(false);
		expect(t.sb.state.cards()).toHaveLength(before);
	});

	it.each([
		'/api/v1/customer/externalId/./card',
		'/api/v1/customer/externalId/../card',
		'/api/v1/customer/externalId/%2e/card',
		'/api/v1/customer/externalId/%2E%2e',
		'/api/v1/customer/..',
		'/api/v1/card/.',
	])('dotSegments reject (default): %s is an invalid URL, logged exactly as sent, and nothing is deleted', async (path) => {
		const customers = t.sb.state.customers().length;
		const cards = t.sb.state.cards().length;
		const res = await rawCall('DELETE', path);
		expect(res.status).toBe(404);
		expect(res.type).toMatch(/application\/json/);
		expect(t.sb.log.at(-1)?.path).toBe(path);
		expect([t.sb.state.customers().length, t.sb.state.cards().length]).toEqual([customers, cards]);
	});

	it('dotSegments normalize: resolved first, as a lenient server would', async () => {
		t.sb.readings.set({ dotSegments: 'normalize' });
		const res = await rawCall('GET', '/api/v1/customer/externalId/x/../crm-1001');
		expect(res.status).toBe(200);
		expect(JSON.parse(res.body)[0].externalId).toBe('crm-1001');
		expect(t.sb.log.at(-1)?.path).toBe('/api/v1/customer/externalId/x/../crm-1001');
	});
});
