import type { RunningProcess } from './processes.cjs';

export declare const SANDBOX_CLI: string;
export interface SandboxProcess {
	url: string;
	port: number;
	proc: RunningProcess;
	stop(): Promise<void>;
}
export declare function startSandboxProcess(options?: {
	port?: number;
	strictPort?: boolean;
	args?: string[];
	onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
	timeoutMs?: number;
}): Promise<SandboxProcess>;
