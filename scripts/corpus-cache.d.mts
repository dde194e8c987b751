// Types for corpus-cache.mjs, so the TypeScript tests can find the installed corpus apps.
export interface CorpusApp {
  name: string;
  /** Absolute path of corpus/<name> in the repository. */
  dir: string;
}
export declare function corpusCacheDir(env?: NodeJS.ProcessEnv, set?: string): string;
export declare function corpusApps(corpusDir: string): CorpusApp[];
export declare function installDir(app: CorpusApp, env?: NodeJS.ProcessEnv, set?: string): string;
export declare const completeMarker: string;
