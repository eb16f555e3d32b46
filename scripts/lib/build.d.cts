export declare function isBuildCurrent(): boolean;
/** Runs `npm run build` unless dist/ is newer than every source; resolves true when it built. */
export declare function ensureBuild(options?: { log?: (line: string) => void; force?: boolean }): Promise<boolean>;
