// A fake ITriggerFunctions for the CCV Reconciliation Trigger: parameters, static data, workflow
// settings and mode as given; HTTP through the real credential's authenticate to the sandbox;
// every emit captured with its deduplication key. Timers are the test's (jest fake timers or the
// check functions called directly).
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, INodeExecutionData, IRun, ITriggerFunctions } from 'n8n-workflow';

import { CcvApi } from '../../../../credentials/CcvApi.credentials';
import type { Sandbox } from '../../../../sandbox';

export interface Emitted {
	items: IDataObject[];
	deduplicationKey: string | undefined;
	done?: { resolve: (run: IRun) => void; reject: (error: Error) => void };
}

export interface FakeTrigger {
	ctx: ITriggerFunctions;
	emits: Emitted[];
	staticData: IDataObject;
	failedExecutions: Error[];
	logs: string[];
	crons: Array<{ expression: string; onTick: (scheduled: Date) => void }>;
}

export function fakeTrigger(
	sb: Sandbox,
	parameters: Record<string, unknown>,
	options: { staticData?: IDataObject; mode?: 'trigger' | 'manual'; workflowId?: string; nodeId?: string; saveDataSuccessExecution?: 'all' | 'none' } = {},
): FakeTrigger {
	const staticData = options.staticData ?? {};
	const emits: Emitted[] = [];
	const failedExecutions: Error[] = [];
	const logs: string[] = [];
	const crons: FakeTrigger['crons'] = [];
	const credential: ICredentialDataDecryptedObject = { apiKey: sb.apiKey, baseUrl: sb.url, boardingBaseUrl: sb.url, environment: 'test', boardingAuth: 'basic' };
	const node = { id: options.nodeId ?? 'node-1', name: 'CCV Reconciliation Trigger', type: 'CUSTOM.ccvReconcileTrigger', typeVersion: 1, position: [0, 0] as [number, number], parameters: {}, credentials: { ccvApi: { id: 'c1', name: 'CCV' } } };
	const defaults: Record<string, unknown> = { interval: 5, lookBack: 15, unit: 'minutes', checkTransactions: true, statuses: [], orderIds: '' };
	const log = (level: string) => (message: string) => logs.push(`${level}: ${message}`);
	const ctx = {
		getNode: () => node,
		getWorkflow: () => ({ id: options.workflowId ?? 'wf-1', name: 'reconcile', active: true }),
		getWorkflowSettings: () => ({ saveDataSuccessExecution: options.saveDataSuccessExecution }),
		getWorkflowStaticData: () => staticData,
		getMode: () => options.mode ?? 'trigger',
		getActivationMode: () => 'activate',
		getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : name in defaults ? defaults[name] : fallback),
		getCredentials: async () => ({ ...credential }),
		logger: { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug') },
		saveFailedExecution: (error: Error) => failedExecutions.push(error),
		emit: (data: INodeExecutionData[][], _response?: unknown, done?: Emitted['done'], deduplicationKey?: string) => {
			emits.push({ items: data[0].map((item) => item.json), deduplicationKey, done });
		},
		helpers: {
			registerCron: (cron: { expression: string }, onTick: (scheduled: Date) => void) => crons.push({ expression: cron.expression, onTick }),
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				const signed = await new CcvApi().authenticate(credential, options);
				const url = new URL(String(signed.url));
				for (const [key, value] of Object.entries(signed.qs ?? {})) url.searchParams.set(key, String(value));
				const response = await fetch(url, { method: signed.method, headers: signed.headers as Record<string, string> });
				const text = await response.text();
				return { statusCode: response.status, body: text ? JSON.parse(text) : '', headers: Object.fromEntries(response.headers) };
			},
		},
	} as unknown as ITriggerFunctions;
	return { ctx, emits, staticData, failedExecutions, logs, crons };
}
