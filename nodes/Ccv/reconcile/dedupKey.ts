import { createHash } from 'crypto';

// n8n's one atomic claim a trigger has: the execution deduplication key (a unique index on the
// executions table, one namespace for the whole n8n instance, at most 255 characters). Built from
// the workflow, the node and the change's eventKey, so two workflows or two nodes never share a key
// and the same change always gets the same one; hashed so any eventKey fits.

export const DEDUP_KEY_PREFIX = 'ccv-reconcile:';

export function deduplicationKey(workflowId: string, nodeId: string, eventKey: string): string {
	const hash = createHash('sha256').update(`${workflowId}\n${nodeId}\n${eventKey}`).digest('hex');
	return `${DEDUP_KEY_PREFIX}${hash}`;
}
