// A file over --max-file-size (a published bundle: typescript.js is 9 MB) is not parsed, but it
// is still code that may read, write and load. A cheap pass over its text finds the modules it
// names literally (`require("x")`, `from "x"`, `import("x")`): other modules are followed like
// any load, and a file-system built-in makes the file's reads and writes unresolved (reason
// `file-too-large`, so the fallback applies) rather than nothing. Other built-ins that gate a
// capability are listed in FILE_TOO_LARGE. A file handed its file system rather than loading it
// (dart2js output such as sass.dart.js gets `fs` from its wrapper) names no fs module, so a call
// of a method only fs has (`receiver.readFileSync(p)`, lib/evaluate/fs-names.ts) counts as fs
// too, as the detectors read such a call on a receiver they cannot tell.

import { isBuiltin } from 'node:module';
import { fsOnlyName } from '../evaluate/index.js';
import { isBuiltinAnywhere } from '../node-versions/api-facts.js';

/**
 * The largest text the cheap pass reads. A larger file is not read at all (a module file of a
 * gigabyte was read whole, and its text made a string past V8's limit: ERR_STRING_TOO_LONG, the
 * analysis crashed); it is taken to use fs, so its reads and writes are unresolved at the file,
 * and FILE_TOO_LARGE says that its text was not scanned (`unscanned`).
 */
export const MAX_SCAN_BYTES = 64 * 1024 * 1024;

/** A call of a member by name, `.name(`; the name is then checked against fs's own. */
const memberCalls = /\.\s*([A-Za-z_$][\w$]{0,40})\s*\(/g;

const literalLoads = /\brequire\(\s*(["'])([^"'\n]{1,200})\1\s*\)|\bfrom\s*(["'])([^"'\n]{1,200})\3|\bimport\(\s*(["'])([^"'\n]{1,200})\5\s*\)/g;

/** The capability a built-in module gates, for those that gate one. */
const gated: Record<string, string> = {
  fs: 'fs',
  child_process: 'child-process',
  worker_threads: 'worker',
  net: 'net',
  http: 'net',
  https: 'net',
  http2: 'net',
  tls: 'net',
  dgram: 'net',
  dns: 'net',
  inspector: 'inspector',
  wasi: 'wasi',
  sqlite: 'fs',
};

export interface LargeFileScan {
  /** Modules named literally that are not built-ins, with how they are loaded. */
  loads: { specifier: string; kind: 'require' | 'import' }[];
  /** Capabilities of the built-ins it names (`fs`, `child-process`, ...), sorted. */
  capabilities: string[];
}

export function scanLargeFile(text: string): LargeFileScan {
  const loads = new Map<string, 'require' | 'import'>();
  const capabilities = new Set<string>();
  for (const { specifier, kind } of namedLoads(text)) {
    if (isBuiltin(specifier) || isBuiltinAnywhere(specifier)) {
      const capability = gated[specifier.replace(/^node:/, '').split('/')[0]!];
      if (capability) capabilities.add(capability);
    } else if (!loads.has(specifier)) loads.set(specifier, kind);
  }
  if (!capabilities.has('fs') && callsFsOnlyMethod(text)) capabilities.add('fs');
  return { loads: [...loads].map(([specifier, kind]) => ({ specifier, kind })), capabilities: [...capabilities].sort() };
}

/** The modules a text names literally, in the order it names them (built-ins too), found without parsing: a guess, for what may be loaded. */
export function* namedLoads(text: string): Generator<{ specifier: string; kind: 'require' | 'import' }> {
  for (const m of text.matchAll(literalLoads)) yield { specifier: m[2] ?? m[4] ?? m[6]!, kind: m[2] !== undefined ? 'require' : 'import' };
}

/** Whether the text calls a method by a name only fs has: a file system handed in. */
function callsFsOnlyMethod(text: string): boolean {
  const checked = new Set<string>();
  for (const m of text.matchAll(memberCalls)) {
    const name = m[1]!;
    if (checked.has(name)) continue;
    if (fsOnlyName(name)) return true;
    checked.add(name);
  }
  return false;
}
