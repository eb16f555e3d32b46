/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling: runs in Node, never inside n8n */
// Refund errors the CCV sandbox cannot produce (it keeps no merchant balance and archives
// nothing): a stand-in answers with CCV's documented error bodies (seed 002), and the user must
// get them intact and explained.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { runCcvNode } from '../../../../helpers/engine';

// Seed 002's example of a refund refused for balance, byte for byte.
const UNSUFFICIENT_BALANCE = `{
  "type": "process_error",
  "message": "Refund request with amount 20,05 DENIED for originalReferenceId I230504161044674CB87E1BB.F due to insufficient open amount",
  "reference": "5c0a0487",
  "failureCode": "unsufficient_balance",
  "balance": {
    "creditAmount": 0.35,
    "debitAmount": 1.70,
    "total": 1.35
  }
}`;

const ARCHIVED = JSON.stringify({
	type: 'process_error',
	message: 'The original transaction is archived',
	reference: '9e1f0c22',
	failureCode: 'original_transaction_archived',
});

let answer = '';
const seen: Array<{ method?: string; url?: string; key?: string | string[] }> = [];
const server = http.createServer((req, res) => {
	seen.push({ method: req.method, url: req.url, key: req.headers['idempotency-reference'] });
	req.resume();
	req.on('end', () => {
		// The node reads the payment and its refunds before refunding (issue 24, 28 #11/#12).
		if (req.method === 'GET') {
			res.writeHead(200, { 'content-type': 'application/json' });
			const one = /[?&]reference=/.test(req.url ?? '');
			res.end(JSON.stringify(one ? { reference: 'I230504161044674CB87E1BB.F', type: 'sale', status: 'success', amount: 100, currency: 'eur' } : []));
			return;
		}
		res.writeHead(400, { 'content-type': 'application/json' });
		res.end(answer);
	});
});
let baseUrl = '';

beforeAll(async () => {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	server.closeAllConnections();
	await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
	seen.length = 0;
});

const refund = (continueOnFail = false) =>
	runCcvNode({
		parameters: {
			resource: 'refund',
			operation: 'create',
			paymentReference: 'I230504161044674CB87E1BB.F',
			amountToRefund: 'partial',
			amount: '20.05',
			additionalFields: { merchantOrderReference: 'RMA-1' },
			options: {},
		},
		credentials: { apiKey: 't_stand_in_key', baseUrl },
		continueOnFail,
	});

it('unsufficient_balance: the message, its meaning and the balance figures', async () => {
	answer = UNSUFFICIENT_BALANCE;
	const { error } = await refund();
	expect(seen.filter((r) => r.method === 'POST')).toEqual([{ method: 'POST', url: '/api/v1/refund', key: expect.stringMatching(/^n8n-refund-/) }]);
	expect(error?.message).toMatch(/^CCV refused the refund/);
	expect(error?.context?.ccvError).toMatchObject({ failureCode: 'unsufficient_balance' });
	expect(error?.description).toContain('Refund request with amount 20,05 DENIED for originalReferenceId I230504161044674CB87E1BB.F');
	expect(error?.description).toContain('Balance at CCV: credit 0.35, debit 1.7, total 1.35.');
	expect(error?.description).toContain('5c0a0487');
});

it('unsufficient_balance under Continue On Fail: CCV\'s error object with the balance, untouched', async () => {
	answer = UNSUFFICIENT_BALANCE;
	const { items } = await refund(true);
	expect(items[0].json.ccvError).toEqual(JSON.parse(UNSUFFICIENT_BALANCE));
	expect(items[0].json.httpCode).toBe('400');
});

it('original_transaction_archived: the payment can no longer be refunded, in plain words', async () => {
	answer = ARCHIVED;
	const { error } = await refund();
	expect(error?.message).toMatch(/^CCV refused the refund/);
	expect(error?.context?.ccvError).toMatchObject({ failureCode: 'original_transaction_archived' });
	expect(error?.description).toMatch(/archived/);
	expect(seen.filter((r) => r.method === 'POST')).toHaveLength(1);
});
