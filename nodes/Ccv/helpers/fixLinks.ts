// Where an error's fix is explained: a section of the README on the package's page, the same page
// the node's Docs link opens (Ccv.node.json). Each anchor is a README heading (test: fixLinks.test.ts).

export const DOCS_URL = 'https://www.npmjs.com/package/n8n-nodes-ccv';

export const FIX_ANCHORS = {
	credential: 'credential-ccv-api',
	retries: 'retries-what-is-sent-again-and-when',
	aiAgent: 'ai-agents-the-ccv-node-as-a-tool',
	dryRun: 'what-is-refused-before-anything-is-sent',
	idempotency: 'one-transaction-one-idempotency-reference',
} as const;

export type FixTopic = keyof typeof FIX_ANCHORS;

export function fixLink(topic: FixTopic): string {
	return `${DOCS_URL}#${FIX_ANCHORS[topic]}`;
}

/** The sentence an error's description ends with (plain text: the address, then words). */
export function seeFix(topic: FixTopic): string {
	return `See ${fixLink(topic)} for how to fix it.`;
}
