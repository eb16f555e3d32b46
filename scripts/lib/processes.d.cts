import type { ChildProcess } from 'node:child_process';

export interface StartOptions {
	env?: NodeJS.ProcessEnv;
	cwd?: string;
	/** Shown in error messages. */
	name?: string;
	/** Called for each complete output line. */
	onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
	keepChars?: number;
}

export interface RunningProcess {
	name: string;
	pid: number | undefined;
	child: ChildProcess;
	/** Exit code or signal name once exited, undefined while running. */
	exitCode: number | string | null | undefined;
	/** stdout and stderr interleaved (the last keepChars characters). */
	output(): string;
	/** stdout alone, complete. */
	stdout(): string;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	/** SIGTERM to the whole process group, SIGKILL after timeoutMs. */
	stop(timeoutMs?: number): Promise<void>;
}

export interface RunResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	output: string;
	stdout: string;
}

export declare function startProcess(command: string, args: string[], options?: StartOptions): RunningProcess;
export declare function runProcess(
	command: string,
	args: string[],
	options?: StartOptions & { timeoutMs?: number },
): Promise<RunResult>;
export declare function stopAll(): Promise<void>;
export declare function freePort(host?: string): Promise<number>;
export declare function isPortFree(port: number, host?: string): Promise<boolean>;
