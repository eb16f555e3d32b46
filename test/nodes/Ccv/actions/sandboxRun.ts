import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startSandbox } from '../../../sandbox';
import type { Sandbox, SandboxOptions } from '../../../sandbox';
import { runCcvNode } from '../../../helpers/engine';
import type { RunNodeOptions, RunNodeResult } from '../../../helpers/engine';

/** One sandbox per test file, and a way to run the CCV node against it in n8n's engine. */
export function useSandbox(options: SandboxOptions = {}) {
	const ctx = {} as {
		sb: Sandbox;
		run(parameters: INodeParameters, items?: IDataObject[], extra?: Partial<RunNodeOptions>): Promise<RunNodeResult>;
		/** The CCV requests the sandbox saw since the last clearLog, as "METHOD path". */
		calls(): string[];
	};
	beforeAll(async () => {
		ctx.sb = await startSandbox(options);
	});
	afterAll(async () => {
		await ctx.sb.close();
	});
	beforeEach(() => ctx.sb.reset());
	ctx.run = async (parameters, items = [{}], extra = {}) =>
		await runCcvNode({
			parameters,
			items,
			credentials: { apiKey: ctx.sb.apiKey, baseUrl: ctx.sb.url },
			...extra,
		});
	ctx.calls = () => ctx.sb.log.map((e) => `${e.method} ${e.path}${Object.keys(e.query).length ? '?' + new URLSearchParams(e.query).toString() : ''}`);
	return ctx;
}

export const byExternalId = (value: string) => ({ __rl: true, mode: 'externalId', value });
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
