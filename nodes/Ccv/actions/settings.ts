import type { IExecuteFunctions } from 'n8n-workflow';

import { DEFAULT_CLIENT_SETTINGS, FixedGate } from '../transport';
import type { ClientSettings } from '../transport';

export interface RunSettings {
	concurrency: number;
	client: Partial<ClientSettings>;
}

/** Read once per execution (from the first item): one run shares one pace and one retry policy. */
export function readRunSettings(ctx: IExecuteFunctions): RunSettings {
	const options = ctx.getNodeParameter('options', 0, {}) as {
		concurrency?: number;
		retries?: number;
		maxRetryWait?: number;
	};
	const concurrency = Math.max(1, Math.floor(options.concurrency ?? 5));
	return {
		concurrency,
		client: {
			gate: new FixedGate(concurrency),
			maxRetries: Math.max(0, Math.floor(options.retries ?? DEFAULT_CLIENT_SETTINGS.maxRetries)),
			maxWaitMs: Math.max(1, options.maxRetryWait ?? DEFAULT_CLIENT_SETTINGS.maxWaitMs / 1000) * 1000,
		},
	};
}
