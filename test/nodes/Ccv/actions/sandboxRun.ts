import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox, SandboxOptions } from '../../../../sandbox';
import { useTestSandbox } from '../../../sandbox/testing';
import { runCcvNode } from '../../../helpers/engine';
import type { RunNodeOptions, RunNodeResult } from '../../../helpers/engine';

/** One sandbox per test file, and a way to run the CCV node against it in n8n's engine. */
export function useSandbox(options: SandboxOptions = {}) {
	const fixture = useTestSandbox(options);
	return {
		get sb(): Sandbox {
			return fixture.sb;
		},
		/** Runs the CCV node once in n8n's engine against this sandbox. */
		run: async (parameters: INodeParameters, items: IDataObject[] = [{}], extra: Partial<RunNodeOptions> = {}): Promise<RunNodeResult> =>
			await runCcvNode({
				parameters,
				items,
				credentials: { apiKey: fixture.sb.apiKey, baseUrl: fixture.sb.url },
				...extra,
			}),
		/** The CCV requests the sandbox saw since the last clearLog, as "METHOD path?query". */
		calls: (): string[] =>
			fixture.sb.log.map((e) => `${e.method} ${e.path}${Object.keys(e.query).length ? '?' + new URLSearchParams(e.query).toString() : ''}`),
	};
}

export const byExternalId = (value: string) => ({ __rl: true, mode: 'externalId', value });
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
