export declare const ROOT: string;
export declare const N8N_VERSION: string;
export declare const RUNTIME_DIR: string;
export declare const NODE24_DIR: string;
export declare const NODE24_BIN: string;
export declare const N8N_PACKAGE_DIR: string;
export declare const N8N_BIN: string;
export declare const RUNTIME_MARKER: string;
