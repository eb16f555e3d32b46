export interface QueueServices {
	postgresPort: number;
	redisPort: number;
	/** Runs SQL in the n8n database (psql -At): the output rows, tab-separated. */
	sql(query: string): Promise<string>;
	/** n8n's settings for this PostgreSQL and Redis, and EXECUTIONS_MODE=queue. */
	env: Record<string, string>;
	stop(): Promise<void>;
}

export declare const DATA_ROOT: string;
export declare function ensurePackages(log: (line: string) => void): Promise<void>;
export declare function startQueueServices(options?: { name?: string; log?: (line: string) => void }): Promise<QueueServices>;
