/**
 * What AI agent calls have moved with one CCV node in one execution, for "Max Total per AI Agent
 * Execution". One agent execution runs in one n8n process (in queue mode one worker runs the whole
 * execution), so a memory in this process sees every call of that execution. It is kept small: the
 * least recently used executions are forgotten first, beyond MAX_EXECUTIONS.
 */
const MAX_EXECUTIONS = 1000;

const totals = new Map<string, bigint>();

export function tallyKey(executionId: string | undefined, workflowId: string | undefined, nodeName: string): string {
	return JSON.stringify([workflowId ?? '', executionId ?? '', nodeName]);
}

/** Cents counted so far for this execution and node (0 when none). */
export function tallied(key: string): bigint {
	return totals.get(key) ?? 0n;
}

/** Adds a call's cents; checking and adding happen without a pause between them, so two calls of one execution cannot both slip under the total. */
export function addToTally(key: string, cents: bigint): void {
	const total = tallied(key) + cents;
	totals.delete(key);
	totals.set(key, total);
	while (totals.size > MAX_EXECUTIONS) {
		const oldest = totals.keys().next().value;
		if (oldest === undefined) break;
		totals.delete(oldest);
	}
}

/** The number of executions remembered (for tests). */
export function tallySize(): number {
	return totals.size;
}
