/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- test tooling: runs in Node, never inside n8n */
// n8n-core's services live in its DI container. n8n-core ships its own copies of @n8n/di and friends
// (nested under node_modules/n8n-core), so they must be loaded from n8n-core's folder: the top-level
// copies are other versions with another container.
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { InstanceSettings } from 'n8n-core';

type Constructor<T = unknown> = abstract new (...args: never[]) => T;

interface DiContainer {
	get<T>(type: Constructor<T>): T;
	set<T>(type: Constructor<T>, instance: T): void;
}

const requireFromCore = createRequire(require.resolve('n8n-core'));

const { Container } = requireFromCore('@n8n/di') as { Container: DiContainer };
const { Logger } = requireFromCore('@n8n/backend-common') as { Logger: Constructor };

type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/** n8n's logger, quiet unless N8N_ENGINE_LOG names levels to print (e.g. "error,warn"). */
function testLogger(): Record<LogLevel, (message: string, meta?: object) => void> & { scoped(): unknown } {
	const shown = new Set((process.env.N8N_ENGINE_LOG ?? '').split(',').map((s) => s.trim()));
	const at = (level: LogLevel) => (message: string, meta?: object) => {
		if (shown.has(level)) console.log(`[n8n ${level}] ${message}`, meta ?? '');
	};
	const logger = {
		error: at('error'),
		warn: at('warn'),
		info: at('info'),
		debug: at('debug'),
		scoped: () => logger,
	};
	return logger;
}

let ready = false;

/**
 * Registers what n8n's CLI would normally provide at start-up, without touching ~/.n8n:
 * a logger and instance settings. Everything else (OutboundHttp and its SSRF settings, ErrorReporter,
 * BinaryDataConfig...) is n8n's own service, built by the container on first use.
 */
export function prepareContainer(): void {
	if (ready) return;
	Container.set(Logger, testLogger());
	const settings = {
		instanceId: 'ccv-engine-test',
		hmacSignatureSecret: 'ccv-engine-test-hmac',
		encryptionKey: 'ccv-engine-test-key',
		instanceType: 'main',
		isMultiMain: false,
		isSingleMain: true,
		isWorker: false,
		isLeader: true,
		isFollower: false,
		// Only ever joined into paths (binary data storage); nothing is written there by our nodes.
		n8nFolder: join(tmpdir(), 'ccv-n8n-engine-test'),
	} as unknown as InstanceSettings;
	Container.set(InstanceSettings as unknown as Constructor<InstanceSettings>, settings);
	ready = true;
}
