// Types for builtCli.mjs, for the TypeScript test setup that imports it.
export declare const PACKAGE_ROOT: string;
export declare const BUILT_CLI: string;
export declare const CLI_SOURCE: string;
export declare function builtCliState(): { state: 'fresh' | 'missing' | 'stale'; reason: string };
