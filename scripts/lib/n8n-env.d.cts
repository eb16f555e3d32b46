export interface Owner {
	email: string;
	password: string;
	firstName?: string;
	lastName?: string;
}

export interface N8nEnvOptions {
	/** Holds the instance's database, encryption key and settings (in .n8n/). */
	userFolder: string;
	/** N8N_CUSTOM_EXTENSIONS: where our nodes are loaded from. */
	extensionsDir?: string;
	port?: number;
	/** Give every n8n process that runs beside another its own task-runner broker port. */
	brokerPort?: number;
	/** Created by n8n at start (no sign-up screen). */
	owner?: Owner;
	/** Keep 'info' (or lower) for `n8n execute`: it prints the run at info level. */
	logLevel?: string;
	extra?: Record<string, string>;
}

export declare function node24Env(extra?: Record<string, string>): NodeJS.ProcessEnv;
export declare function n8nEnv(options: N8nEnvOptions): NodeJS.ProcessEnv;
export declare function ownerEnv(owner: Owner): Record<string, string>;
export declare function hashPassword(password: string): string;
export declare function loadFromN8n(name: string): unknown;
