// Which files start the app: CLI entries, else package.json bin, main, exports["."], else the
// script that scripts.start runs with node, else index.js (Node's own default for `node .`).

import * as path from 'node:path';
import type { Host } from '../host.js';
import { PolicyError } from '../errors.js';
import { scriptOfStartCommand } from './node-command.js';

export interface PackageJson {
  name?: string;
  main?: string;
  bin?: string | Record<string, string>;
  exports?: unknown;
  type?: string;
  engines?: { node?: string };
  scripts?: Record<string, string>;
}

/** Picks the path an `exports["."]` value leads to under Node's default conditions. */
function exportsTarget(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    for (const v of value) {
      const t = exportsTarget(v);
      if (t) return t;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if ('.' in obj) return exportsTarget(obj['.']);
    for (const cond of ['node', 'import', 'require', 'default']) {
      if (cond in obj) {
        const t = exportsTarget(obj[cond]);
        if (t) return t;
      }
    }
  }
  return undefined;
}

export function findEntries(host: Host, root: string, pkg: PackageJson): string[] {
  const candidates: string[] = [];
  if (typeof pkg.bin === 'string') candidates.push(pkg.bin);
  else if (pkg.bin && typeof pkg.bin === 'object') candidates.push(...Object.values(pkg.bin).filter((v) => typeof v === 'string'));
  if (candidates.length === 0 && typeof pkg.main === 'string') candidates.push(pkg.main);
  if (candidates.length === 0) {
    const t = exportsTarget(pkg.exports);
    if (t) candidates.push(t);
  }
  if (candidates.length === 0 && pkg.scripts?.start) {
    const s = scriptOfStartCommand(pkg.scripts.start);
    if (s) candidates.push(s);
  }
  if (candidates.length === 0 && host.kind(path.join(root, 'index.js')) === 'file') candidates.push('index.js');
  if (candidates.length === 0) {
    throw new PolicyError(
      'NO_ENTRY',
      `no entry point found in ${path.join(root, 'package.json')}`,
      'pass the entry file as an argument (generate-flags server.js), or set "main", "bin", "exports" or a "start" script',
    );
  }
  return candidates.map((c) => resolveEntryFile(host, path.resolve(root, c)) ?? path.resolve(root, c));
}

/** A main/bin value may omit the extension or name a folder, as Node allows for main. */
export function resolveEntryFile(host: Host, file: string): string | undefined {
  for (const candidate of [file, file + '.js', file + '.cjs', file + '.mjs', path.join(file, 'index.js')]) {
    if (host.kind(candidate) === 'file') return candidate;
  }
  return undefined;
}
