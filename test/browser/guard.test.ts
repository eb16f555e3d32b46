// Issue 23 #3, in the real n8n editor (see harness.ts): on the CCV Tool, the AI-agent guard fields
// ("Allow When an AI Agent Calls It", "Max Amount per AI Agent Call", "Max Total per AI Agent
// Execution") offer no ✨ "let the model define this parameter" button, so one click cannot hand them
// to the model. The Refund's Amount, an ordinary field, still offers it: the check can see the button.
import { CCV_NODE_TYPE, ourConsoleErrors, openWorkflow, startEditor, withPanel } from './harness';
import type { Editor } from './harness';

const WORKFLOW = 'ccvBrowserGuard';
const TOOL_NODE = 'CCV Tool: refund';
const GUARD_FIELDS = ['aiAgentAllowed', 'aiAgentMaxAmount', 'aiAgentMaxTotal'];

let editor: Editor;

beforeAll(async () => {
	editor = await startEditor();
	await editor.api.post('/rest/workflows', {
		id: WORKFLOW,
		name: 'CCV guard',
		nodes: [
			{
				id: 'tool',
				name: TOOL_NODE,
				type: `${CCV_NODE_TYPE}Tool`,
				typeVersion: 1,
				position: [0, 0],
				// Allowed, so the maximums show too.
				parameters: { resource: 'refund', operation: 'create', amountToRefund: 'partial', amount: '', paymentReference: 'P1', aiAgentAllowed: true },
				credentials: { ccvApi: editor.credential },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	});
	await openWorkflow(editor, WORKFLOW);
}, 15 * 60_000);

afterAll(async () => {
	await editor?.close();
});

/** Hovers a field and tells whether its own block in the panel shows n8n's ✨ (from-ai-override) button. */
async function offersFromAi(name: string): Promise<boolean | 'missing'> {
	const input = editor.page.locator(`[data-test-id="ndv"] [data-test-id="parameter-input-${name}"]`).first();
	if ((await input.count()) === 0) return 'missing';
	await input.hover();
	await editor.page.waitForTimeout(300);
	type Node = { parentElement: Node | null; querySelectorAll(s: string): { length: number }; querySelector(s: string): unknown };
	return await input.evaluate((element) => {
		// The widest block around this field that holds no other field: its label, input and buttons.
		let block = element as unknown as Node;
		while (block.parentElement && block.parentElement.querySelectorAll('[data-test-id^="parameter-input-"]').length <= 1) {
			block = block.parentElement;
		}
		return block.querySelector('[data-test-id="from-ai-override-button"]') !== null;
	});
}

test('on the CCV Tool, the guard fields offer no ✨ (the model cannot be handed them); Amount still does', async () => {
	const errorsBefore = editor.consoleErrors.length;
	const offered: Record<string, boolean | 'missing'> = {};
	await withPanel(editor, `CCV guard / ${TOOL_NODE}`, TOOL_NODE, async () => {
		for (const name of ['amount', ...GUARD_FIELDS]) offered[name] = await offersFromAi(name);
	});
	expect(offered).toEqual({ amount: true, aiAgentAllowed: false, aiAgentMaxAmount: false, aiAgentMaxTotal: false });
	expect(ourConsoleErrors(editor.consoleErrors.slice(errorsBefore))).toEqual([]);
});
