import type { IExecuteFunctions } from 'n8n-workflow';

import { AdaptiveGate, DEFAULT_CLIENT_SETTINGS, FixedGate } from '../transport';
import type { ClientSettings, RequestGate } from '../transport';

export interface RunSettings {
	/** Items in progress at once (the gate decides how many requests actually fly). */
	itemConcurrency: number;
	gate: RequestGate;
	client: Partial<ClientSettings>;
}

export const DEFAULT_MAX_CONCURRENCY = 20;

/** Read once per execution (from the first item): one run shares one pace and one retry policy. */
export function readRunSettings(ctx: IExecuteFunctions): RunSettings {
	const options = ctx.getNodeParameter('options', 0, {}) as {
		maxConcurrency?: number;
		fixedConcurrency?: boolean;
		retries?: number;
		maxRetryWait?: number;
	};
	const max = Math.max(1, Math.floor(options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY));
	const gate = options.fixedConcurrency || max === 1 ? new FixedGate(max) : new AdaptiveGate({ max });
	return {
		itemConcurrency: max,
		gate,
		client: {
			gate,
			maxRetries: Math.max(0, Math.floor(options.retries ?? DEFAULT_CLIENT_SETTINGS.maxRetries)),
			maxWaitMs: Math.max(1, options.maxRetryWait ?? DEFAULT_CLIENT_SETTINGS.maxWaitMs / 1000) * 1000,
		},
	};
}
