/** Types of ./bundle-cache.mjs (plain JavaScript, loaded before tsx). */
export type Stamp = [size: number, mtimeMs: number];
export declare const BUNDLE_CACHE_DIR: string;
export declare const NODE_BUNDLE_OPTIONS: Readonly<Record<string, unknown>>;
export declare function stamp(file: string): Stamp | null;
export declare function stampsMatch(inputs: Record<string, Stamp> | undefined): boolean;
export declare function writeAtomic(file: string, text: string): void;
