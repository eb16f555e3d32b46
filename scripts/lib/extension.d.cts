export declare const PACKAGE_NAME: string;
/** Copies package.json and dist/ into dir/n8n-nodes-ccv; returns dir (for N8N_CUSTOM_EXTENSIONS). */
export declare function prepareExtension(dir?: string): string;
export interface PackedExtension {
	/** For N8N_CUSTOM_EXTENSIONS. */
	dir: string;
	tarball: string;
	/** dir/node_modules/n8n-nodes-ccv */
	packageDir: string;
	/** Paths inside the tarball, as `npm pack` listed them. */
	files: string[];
}
export declare function installPackedExtension(dir?: string): Promise<PackedExtension>;
export interface CommunityLoadResult {
	/** Node type names (without package prefix), e.g. 'ccv'. */
	nodes: string[];
	credentials: string[];
	/** Icon paths as n8n resolved them (relative to the package). */
	icons: string[];
	/** Loading errors (e.g. a path in package.json "n8n" that is not in the package). */
	errors: string[];
}
export declare function loadAsCommunityPackage(packageDir: string): Promise<CommunityLoadResult>;
