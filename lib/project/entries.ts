// Which files start the app: CLI entries, else package.json bin, main, exports["."], else the
// script that scripts.start runs with node, else index.js (Node's own default for `node .`).

import { checkTarget, MAX_TARGET_NESTING } from './package-target.js';
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

/**
 * Picks the path an `exports["."]` value leads to under Node's default conditions; a target Node
 * refuses (lib/project/package-target.ts) leads nowhere, and nesting is followed only so deep.
 */
function exportsTarget(value: unknown, depth = 0): string | undefined {
  if (depth > MAX_TARGET_NESTING) return undefined;
  if (typeof value === 'string') {
    const t = checkTarget(value, 'exports', undefined);
    return 'path' in t ? t.path : undefined;
  }
  if (Array.isArray(value)) {
    for (const v of value) {
      const t = exportsTarget(v, depth + 1);
      if (t) return t;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if (Object.hasOwn(obj, '.')) return exportsTarget(obj['.'], depth + 1);
    for (const cond of ['node', 'import', 'require', 'default']) {
      if (Object.hasOwn(obj, cond)) {
        const t = exportsTarget(obj[cond], depth + 1);
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
