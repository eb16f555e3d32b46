export declare const EXAMPLES_DIR: string;
export declare const PACKAGE_PREFIX: string;
export interface ExampleWorkflow {
	file: string;
	workflow: {
		id: string;
		name: string;
		nodes: Array<{ name: string; type: string; parameters: Record<string, unknown>; [key: string]: unknown }>;
		connections: Record<string, unknown>;
		[key: string]: unknown;
	};
}
/** examples/*.json with node types rewritten to typePrefix (default 'CUSTOM.') and ccvApi set to credential. */
export declare function loadExamples(options?: { typePrefix?: string; credential?: { id: string; name: string } }): ExampleWorkflow[];
