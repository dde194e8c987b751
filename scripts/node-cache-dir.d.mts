// Types for node-cache-dir.mjs, so the TypeScript tests can share the cache location.
export declare function nodeCacheDir(env?: NodeJS.ProcessEnv): string;
export declare function nodeManifestPath(env?: NodeJS.ProcessEnv): string;

/** One installed Node binary, as recorded in manifest.json. */
export interface NodeManifestEntry {
  /** Exact version, without the leading `v`. */
  version: string;
  /** Absolute path of the `node` executable. */
  bin: string;
  /** Absolute path of its `include/node` headers, or null when the binary came without them. */
  include: string | null;
}

export type NodeManifest = Record<string, NodeManifestEntry>;
