/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling: runs in Node, never inside n8n */
// `npm run sandbox`: its flags, and the program itself (prints URL and key, serves, stops on SIGTERM).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from '../../sandbox/cli';
import { SEED } from '../../sandbox/index';
import { Client } from './test-client';

describe('parseArgs', () => {
	it('defaults: port 4010 (or CCV_SANDBOX_PORT), seeded', () => {
		expect(parseArgs([], {})).toEqual({ port: 4010, seed: true });
		expect(parseArgs([], { CCV_SANDBOX_PORT: '5000' })).toEqual({ port: 5000, seed: true });
	});

	it('reads every flag, as "--flag value" or "--flag=value"', () => {
		expect(
			parseArgs(['--port', '0', '--api-key=t_demo', '--latency', '25', '--no-seed', '--max-in-flight=10', '--rate', '200', '--host', '0.0.0.0'], {
				CCV_SANDBOX_PORT: '5000',
			}),
		).toEqual({ port: 0, apiKey: 't_demo', latencyMs: 25, seed: false, maxInFlight: 10, ratePerSecond: 200, host: '0.0.0.0' });
	});

	it('reads the readings as flags (kebab-case), checked, and --allow-http-webhooks', () => {
		expect(
			parseArgs(['--allow-http-webhooks', '--status-case', 'upper', '--idempotency-retention=30', '--submit-order-answer', 'with-orderId', '--list-page-size', '5'], {}),
		).toEqual({ port: 4010, seed: true, allowHttpWebhooks: true, statusCase: 'upper', idempotencyRetention: 30, submitOrderAnswer: 'with-orderId', listPageSize: 5 });
		expect(() => parseArgs(['--status-case', 'mixed'], {})).toThrow(/statusCase must be one of: lower, upper, as-documented/);
		expect(() => parseArgs(['--help'], {})).toThrow(/--invalid-url-body json\|html\|empty/);
	});

	it('refuses unknown flags and bad numbers, with the usage', () => {
		expect(() => parseArgs(['--verbose'], {})).toThrow(/unknown option --verbose[\s\S]*Usage/);
		expect(() => parseArgs(['--latency', 'slow'], {})).toThrow(/--latency needs a number/);
		expect(() => parseArgs(['--port', '70000'], {})).toThrow(/--port/);
		expect(() => parseArgs(['--rate'], {})).toThrow(/--rate needs a number/);
	});
});

it('runs as a program: prints URL and key, serves the seed, stops cleanly on SIGTERM', async () => {
	const tsx = require.resolve('tsx/cli');
	// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions -- starts our own CLI, fixed arguments
	const child = spawn(process.execPath, [tsx, join(__dirname, '..', '..', 'sandbox', 'cli.ts'), '--port', '0', '--api-key', 't_cli'], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let out = '';
	child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
	const url = await new Promise<string>((resolve, reject) => {
		child.stdout.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
			if (match && out.includes('API key: t_cli')) resolve(match[1]);
		});
		child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
	});
	const api = new Client({ url, apiKey: 't_cli' });
	const res = await api.get('/api/v1/customer/externalId/crm-1001');
	expect(res.body[0].id).toBe(SEED.customers['crm-1001']);
	await api.close();
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	child.kill('SIGTERM');
	expect(await exited).toBe(0);
	expect(out).toContain('SIGTERM: stopping the CCV sandbox');
});
