import type { RunningProcess } from './processes.cjs';

export interface N8nServer {
	baseUrl: string;
	port: number;
	proc: RunningProcess;
	output(): string;
	stop(): Promise<void>;
}

export interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
	workflowId: string;
	startedAt: string;
	stoppedAt?: string;
	[key: string]: unknown;
}

export interface RestClient {
	baseUrl: string;
	cookie: string;
	/** Unwraps n8n's {data: ...} envelope. */
	request(method: string, path: string, body?: unknown): Promise<any>;
	get(path: string): Promise<any>;
	post(path: string, body?: unknown): Promise<any>;
	listExecutions(workflowId: string): Promise<ExecutionSummary[]>;
	getExecution(id: string): Promise<any>;
}

/** 120 s, or E2E_N8N_READY_TIMEOUT_MS. */
export declare function readyTimeoutMs(): number;
export declare function startN8nServer(
	env: NodeJS.ProcessEnv,
	options?: { onLine?: (line: string, stream: 'stdout' | 'stderr') => void; timeoutMs?: number; command?: 'start' | 'webhook' },
): Promise<N8nServer>;
export declare function waitUntil(what: string, timeoutMs: number, check: () => Promise<boolean> | boolean, intervalMs?: number): Promise<void>;
export declare function waitForProductionWebhook(url: string, options?: { timeoutMs?: number }): Promise<void>;
export declare function login(baseUrl: string, email: string, password: string): Promise<RestClient>;
export declare function restClient(baseUrl: string, cookie: string): RestClient;
