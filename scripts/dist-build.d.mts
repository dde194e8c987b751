// Types for dist-build.mjs, so the TypeScript tests start the built CLI the setup keeps current.
/** Why dist/ must be built again (one line), or null when it is up to date. */
export declare function distStaleness(repo: string): string | null;
/** Compiles dist/ from scratch; throws with the compiler's output when it fails. */
export declare function buildDist(repo: string): void;
/** Builds dist/ when it is missing or older than its sources; returns why it built, or null. */
export declare function ensureDist(repo: string): string | null;
