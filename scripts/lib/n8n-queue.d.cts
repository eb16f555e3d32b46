import type { Owner } from './n8n-env.cjs';
import type { N8nServer } from './n8n-server.cjs';
import type { RunningProcess } from './processes.cjs';
import type { QueueServices } from './queue-services.cjs';

export { startQueueServices } from './queue-services.cjs';
export type { QueueServices } from './queue-services.cjs';

export interface QueueProcess {
	role: 'worker' | 'webhook';
	port: number;
	/** Webhook processes: http://127.0.0.1:<port> */
	baseUrl?: string;
	proc: RunningProcess;
	output(): string;
	stop(): Promise<void>;
}

export interface QueueCluster {
	main: N8nServer;
	workers: QueueProcess[];
	webhooks: QueueProcess[];
	output(): string;
	stop(): Promise<void>;
}

export declare function queueEnv(options: {
	userFolder: string;
	extensionsDir: string;
	owner: Owner;
	services: QueueServices;
}): Promise<{ env: NodeJS.ProcessEnv; mainPort: number }>;

export declare function startQueueCluster(options: {
	env: NodeJS.ProcessEnv;
	workers?: number;
	webhooks?: number;
	workerConcurrency?: number;
	log?: (line: string) => void;
}): Promise<QueueCluster>;
