// Issue 27 #8: the AI-agent guard's refusal as n8n 2.41.1's own tool wrapper hands it on. n8n-core's
// makeHandleToolInvocation runs the node's execute and, on an error with a description the message does
// not contain, rewrites the message to "<message>\n\nDetails: <description>" in place: the agent reads
// that message, and the tool's output panel shows the same error's message and description. So the
// refusal must read once in message + description together.
// Not in n8n-core's index: the function n8n itself runs for every tool call (n8n-core has no "exports"
// map, so its file can be imported directly).
import { makeHandleToolInvocation } from 'n8n-core/dist/execution-engine/node-execution-context/utils/get-input-connection-data';
import { createRunExecutionData } from 'n8n-workflow';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { fixLink } from '../../../../nodes/Ccv/helpers/fixLinks';
import { useTestSandbox } from '../../../sandbox/testing';
import { ccvTool, toolSetting } from '../safety/toolRun';

const fixture = useTestSandbox();

/** One tool call through n8n's wrapper: the error the agent gets (undefined when the call succeeded). */
async function invoke(parameters: INodeParameters, toolArgs: IDataObject): Promise<Error & { description?: string | null }> {
	const credentials = { apiKey: fixture.sb.apiKey, baseUrl: fixture.sb.url };
	const { node, context } = toolSetting(credentials, parameters, { executionId: 'tool-text-1' });
	const runExecutionData = createRunExecutionData();
	const factory = (runIndex: number) => context(runExecutionData, runIndex);
	try {
		await makeHandleToolInvocation(factory, node, ccvTool, runExecutionData)(toolArgs);
	} catch (error) {
		return error as Error & { description?: string | null };
	}
	throw new Error('the tool call was not refused');
}

function timesIn(text: string, part: string): number {
	return text.split(part).length - 1;
}

describe('the guard\'s refusal through n8n\'s tool wrapper', () => {
	it('reads once, for the agent and in the tool\'s output (message and description together)', async () => {
		const payment = fixture.sb.addPayment({ amount: '50.00', status: 'success' });
		const error = await invoke(
			{
				resource: 'refund',
				operation: 'create',
				paymentReference: payment.reference,
				amountToRefund: 'partial',
				amount: '={{ $fromAI("amount", "How much to refund", "string") }}',
				additionalFields: {},
				options: {},
			},
			{ amount: '10.00' },
		);
		const shown = `${error.message}\n${error.description ?? ''}`;
		expect(timesIn(shown, 'Refused: an AI agent may not')).toBe(1);
		expect(timesIn(shown, 'Nothing was sent to CCV')).toBe(1);
		expect(timesIn(shown, 'Allow When an AI Agent Calls It')).toBe(1);
		// Issue 27 #9: it links, once, to where the guard is explained.
		expect(timesIn(shown, fixLink('aiAgent'))).toBe(1);
		expect(fixture.sb.log).toEqual([]);
	});
});
