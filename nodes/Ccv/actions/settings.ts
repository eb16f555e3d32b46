import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import { AdaptiveGate, FixedGate, RETRY_PROFILES } from '../transport';
import type { ClientSettings, RequestGate } from '../transport';

export interface RunSettings {
	/** Items in progress at once (the gate decides how many requests actually fly). */
	itemConcurrency: number;
	gate: RequestGate;
	client: Partial<ClientSettings>;
}

export const DEFAULT_MAX_CONCURRENCY = 20;

/** The options' ranges, as the editor offers them (common.descriptions requestOptionFields). */
const RANGES = {
	maxConcurrency: { label: 'Max Concurrency', min: 1, max: 100, whole: true },
	retries: { label: 'Retries', min: 0, max: 10, whole: true },
	maxRetryWait: { label: 'Max Retry Wait (Seconds)', min: 1, max: 600, whole: false },
} as const;

/**
 * One option as a number in its range, or undefined when not set. Anything else (text, an empty
 * expression, out of range) is refused: reading it as NaN would quietly run nothing at all.
 */
function readOption(ctx: IExecuteFunctions, options: Record<string, unknown>, name: keyof typeof RANGES): number | undefined {
	const raw = options[name];
	if (raw === undefined || raw === null) return undefined;
	const { label, min, max, whole } = RANGES[name];
	const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : NaN;
	if (Number.isFinite(value) && value >= min && value <= max && (!whole || Number.isInteger(value))) return value;
	const shown = typeof raw === 'string' ? `"${raw}"` : JSON.stringify(raw) ?? String(raw);
	throw new NodeOperationError(ctx.getNode(), `"${label}" (under Options) must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}`, {
		description: `It is ${shown}. The options are read once for the whole run (from the first item). Nothing was sent to CCV.`,
	});
}

/** Read once per execution (from the first item): one run shares one pace and one retry policy. */
export function readRunSettings(ctx: IExecuteFunctions): RunSettings {
	const options = ctx.getNodeParameter('options', 0, {}) as Record<string, unknown>;
	const max = readOption(ctx, options, 'maxConcurrency') ?? DEFAULT_MAX_CONCURRENCY;
	const retries = readOption(ctx, options, 'retries') ?? RETRY_PROFILES.run.maxRetries;
	const maxRetryWait = readOption(ctx, options, 'maxRetryWait') ?? RETRY_PROFILES.run.maxWaitMs / 1000;
	const fixed = options.fixedConcurrency === true || options.fixedConcurrency === 'true';
	const gate = fixed || max === 1 ? new FixedGate(max) : new AdaptiveGate({ max });
	return {
		itemConcurrency: max,
		gate,
		client: { gate, maxRetries: retries, maxWaitMs: maxRetryWait * 1000 },
	};
}
