// analyze(): runs the stages in order (project -> graph -> evaluate/detect -> policy -> emit)
// and assembles the Report. It owns no logic of its own beyond wiring.

import type { Report, UnresolvedMode } from './types.js';

export interface AnalyzeOptions {
  /** Folder to start from; the project root is the nearest folder above it with a package.json. Required: the library never reads process.cwd() itself. */
  cwd: string;
  /** Entry files (absolute or relative to `cwd`). Default: package.json bin, main, exports["."], else the script of scripts.start. */
  entries?: string[];
  /** Target Node version: a major (`22`), a full version (`22.13.0`) or a range. Default: package.json engines.node, else `runningVersion`. */
  target?: string;
  /** The Node version used when nothing names a target. Default: the version running the analysis. */
  runningVersion?: string;
  /** Values for `process.env.NAME` reads. Default: none; unbound reads are unresolved. */
  env?: Record<string, string>;
  /** Extra read grants for paths the code cannot show (absolute or relative to the project root). Default: none. */
  read?: string[];
  /** Extra write grants, as `read`. Default: none. */
  write?: string[];
  /** Fallback for unresolved accesses; a single mode sets both scopes. Default: `{ read: 'project', write: 'warn' }`. */
  unresolved?: UnresolvedMode | { read?: UnresolvedMode; write?: UnresolvedMode };
}

export async function analyze(options: AnalyzeOptions): Promise<Report> {
  throw new Error('not implemented yet: ' + options.cwd);
}
