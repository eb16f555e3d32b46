import { NodeOperationError } from 'n8n-workflow';
import type { ITriggerFunctions } from 'n8n-workflow';

import { orderIdInUrl } from '../schemas/trigger';

/** At most this many orders are asked per check, the last ones listed. */
export const MAX_ORDERS_PER_POLL = 200;
/** The shortest schedule accepted (CCV is asked at most this often). */
export const MIN_INTERVAL_MS = 5_000;

const UNIT_MS = { seconds: 1_000, minutes: 60_000, hours: 3_600_000 } as const;

export interface ReconcileSettings {
	intervalMs: number;
	lookBackMs: number;
	checkTransactions: boolean;
	statuses: string[];
	orderIds: string[];
}

function fail(ctx: ITriggerFunctions, message: string, description: string): never {
	throw new NodeOperationError(ctx.getNode(), message, { description });
}

function positive(ctx: ITriggerFunctions, name: string, label: string): number {
	const value = Number(ctx.getNodeParameter(name, NaN));
	if (!Number.isFinite(value) || value <= 0) fail(ctx, `"${label}" must be a number above 0`, `"${label}" is ${JSON.stringify(value)}.`);
	return value;
}

/** The order ids as listed (commas, spaces, semicolons or new lines); an id that is not one is refused. */
export function parseOrderIds(ctx: ITriggerFunctions, raw: unknown): string[] {
	const listed = (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[\s,;]+/)).filter((id) => id !== '');
	const ids = new Set<string>();
	for (const id of listed) {
		if (!orderIdInUrl.safeParse(id).success) {
			fail(ctx, `"Order IDs to Check" has ${JSON.stringify(id)}, which is not an order ID`, 'Order IDs are the ones CCV gives at Order Submit: letters, digits and dashes, no spaces.');
		}
		ids.add(id);
	}
	return [...ids].slice(-MAX_ORDERS_PER_POLL);
}

/** Reads and checks the node's settings; a setting that cannot hold stops the activation with the reason. */
export function readSettings(ctx: ITriggerFunctions): ReconcileSettings {
	const unitName = String(ctx.getNodeParameter('unit', 'minutes')) as keyof typeof UNIT_MS;
	const unit = UNIT_MS[unitName];
	if (unit === undefined) fail(ctx, '"Unit" must be seconds, minutes or hours', `"Unit" is ${JSON.stringify(unitName)}.`);
	const intervalMs = positive(ctx, 'interval', 'Check Every') * unit;
	const lookBackMs = positive(ctx, 'lookBack', 'Look Back') * unit;
	if (intervalMs < MIN_INTERVAL_MS) fail(ctx, '"Check Every" must be at least 5 seconds', 'CCV is asked for every transaction in the window at each check.');
	if (lookBackMs < 2 * intervalMs) {
		fail(
			ctx,
			'"Look Back" must be at least twice "Check Every"',
			'A window shorter than two checks would miss a payment created and settled while one check did not run (n8n restarting or busy). Set Look Back to at least twice Check Every.',
		);
	}
	const checkTransactions = ctx.getNodeParameter('checkTransactions', true) !== false;
	const statuses = (ctx.getNodeParameter('statuses', []) as string[]) ?? [];
	const orderIds = parseOrderIds(ctx, ctx.getNodeParameter('orderIds', ''));
	if (!checkTransactions && orderIds.length === 0) {
		fail(ctx, 'Nothing to check', 'Turn on "Check Transactions" or fill in "Order IDs to Check".');
	}
	return { intervalMs, lookBackMs, checkTransactions, statuses, orderIds };
}
