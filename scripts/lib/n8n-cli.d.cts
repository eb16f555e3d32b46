import type { RunResult } from './processes.cjs';

export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	/** In clear: n8n encrypts it on import. */
	data: Record<string, unknown>;
}

/** The run `n8n execute --rawOutput` prints (the parts the suite reads). */
export interface N8nRun {
	status?: string;
	data: {
		resultData: {
			runData: Record<string, NodeRun[]>;
			error?: { message: string; description?: string; node?: { name: string } };
			lastNodeExecuted?: string;
		};
	};
	[key: string]: unknown;
}

export interface NodeRun {
	executionTime: number;
	executionStatus?: string;
	data?: { main: Array<Array<{ json: Record<string, unknown>; pairedItem?: unknown }> | null> };
	error?: { message: string; description?: string; [key: string]: unknown };
	hints?: Array<{ message: string; [key: string]: unknown }>;
	[key: string]: unknown;
}

export declare function runN8n(
	args: string[],
	env: NodeJS.ProcessEnv,
	options?: { timeoutMs?: number; allowFailure?: boolean },
): Promise<RunResult>;
export declare function importCredentials(env: NodeJS.ProcessEnv, credentials: CredentialImport[]): Promise<void>;
export declare function importWorkflows(env: NodeJS.ProcessEnv, workflows: object[]): Promise<void>;
export declare function publishWorkflow(env: NodeJS.ProcessEnv, id: string): Promise<void>;
export declare function listWorkflowIds(env: NodeJS.ProcessEnv): Promise<string[]>;
export declare function executeWorkflow(env: NodeJS.ProcessEnv, id: string, options?: { timeoutMs?: number }): Promise<N8nRun>;
export declare function parseRunOutput(text: string): N8nRun | undefined;
