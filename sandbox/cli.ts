/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test tooling: runs in Node, never inside n8n */
// `npm run sandbox`: the CCV sandbox as a program of its own.
import { DEFAULT_READINGS, parseReading, READING_NAMES, READING_VALUES, type Readings } from './readings';
import { startSandbox } from './sandbox';
import type { SandboxOptions } from './types';

const USAGE = `Usage: npm run sandbox -- [options]
  --port N            port (default: $CCV_SANDBOX_PORT or 4010; 0 = any free port)
  --host H            address to listen on (default 127.0.0.1)
  --api-key KEY       the accepted API key (default t_sandbox)
  --latency MS        delay before every answer (default 0)
  --seed / --no-seed  load the demo data (default: on)
  --max-in-flight N   answer 429 above N requests in flight
  --rate R            answer 429 above R requests per second (token bucket)
  --allow-http-webhooks  call http:// webhook and notification URLs (default: https only)
Readings (where CCV's docs are ambiguous or silent; README "Readings"; default first):
${READING_NAMES.map((name) => `  --${kebab(name)} ${READING_VALUES[name].join('|')}`).join('\n')}`;

function kebab(name: string): string {
	return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

const READING_FLAGS = new Map<string, keyof Readings>(READING_NAMES.map((name) => [`--${kebab(name)}`, name]));

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv): SandboxOptions {
	const opts: SandboxOptions = { port: Number(env.CCV_SANDBOX_PORT ?? 4010), seed: true };
	const number = (flag: string, value: string | undefined): number => {
		const n = Number(value);
		if (value === undefined || value.trim() === '' || !Number.isFinite(n) || n < 0) {
			throw new Error(`${flag} needs a number >= 0`);
		}
		return n;
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s, 2);
		const value = () => inline ?? argv[++i];
		switch (flag) {
			case '--port':
				opts.port = number(flag, value());
				break;
			case '--host':
				opts.host = value();
				break;
			case '--api-key':
				opts.apiKey = value();
				if (!opts.apiKey) throw new Error('--api-key needs a value');
				break;
			case '--latency':
				opts.latencyMs = number(flag, value());
				break;
			case '--seed':
				opts.seed = true;
				break;
			case '--no-seed':
				opts.seed = false;
				break;
			case '--max-in-flight':
				opts.maxInFlight = number(flag, value());
				break;
			case '--rate':
				opts.ratePerSecond = number(flag, value());
				break;
			case '--allow-http-webhooks':
				opts.allowHttpWebhooks = true;
				break;
			case '--help':
			case '-h':
				throw new Error(USAGE);
			default: {
				const reading = READING_FLAGS.get(flag);
				if (!reading) throw new Error(`unknown option ${flag}\n${USAGE}`);
				(opts as Record<string, unknown>)[reading] = parseReading(reading, value());
			}
		}
	}
	if (!Number.isInteger(opts.port) || (opts.port as number) > 65535) throw new Error('--port needs a port number');
	return opts;
}

async function main(): Promise<void> {
	let opts: SandboxOptions;
	try {
		opts = parseArgs(process.argv.slice(2), process.env);
	} catch (error) {
		console.error((error as Error).message);
		process.exitCode = 2;
		return;
	}
	const sandbox = await startSandbox(opts);
	const limits = [
		opts.latencyMs ? `latency ${opts.latencyMs} ms` : '',
		opts.maxInFlight ? `max ${opts.maxInFlight} in flight` : '',
		opts.ratePerSecond ? `max ${opts.ratePerSecond}/s` : '',
		opts.seed ? 'seeded with demo data' : 'empty',
	].filter(Boolean);
	console.log(`CCV sandbox listening on ${sandbox.url}`);
	console.log(`API key: ${sandbox.apiKey} (HTTP Basic, key as user name, empty password)`);
	console.log(`Control API: ${sandbox.url}/_sandbox/  (${limits.join(', ')})`);
	const changed = Object.entries(sandbox.readings.get()).filter(([name, value]) => DEFAULT_READINGS[name as keyof Readings] !== value);
	console.log(`Readings: strict defaults${changed.length ? `, except ${changed.map(([n, v]) => `${n}=${String(v)}`).join(', ')}` : ''}`);
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`${signal}: stopping the CCV sandbox`);
		sandbox.close().then(
			() => process.exit(0),
			(error: Error) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.once('SIGINT', () => stop('SIGINT'));
	process.once('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
	main().catch((error: Error) => {
		console.error(error.message);
		process.exit(1);
	});
}
