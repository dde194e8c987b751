// Modules Node loads before the entry (`node -r dotenv/config server.js`, `--import ./otel.mjs`).
// They are code the app runs, so they are analysed like entries. Node resolves them from the
// process's working folder, and a bare name reads the package's package.json first, which 22+
// permission-check (docs/node-facts.md#module-loading: `-r some-package` is denied on its package.json).

import * as path from 'node:path';
import { PolicyError } from '../errors.js';
import type { Host } from '../host.js';
import type { Evidence } from '../types.js';
import { resolveModule } from './resolve.js';
import { readTsPaths, typeScriptLoaderOf, type TypeScriptResolution } from './resolve-typescript.js';

/** A module named by `-r`/`--require` or `--import` on the node command line. */
export interface Preload {
  specifier: string;
  flag: '--require' | '--import';
}

export interface ResolvedPreloads {
  /** Absolute files to analyse as entries. */
  files: string[];
  /** package.json files read while resolving bare names, with the option that caused each. */
  packageJsonReads: [string, Evidence][];
  /** The packages preloaded by name, for their load models. */
  packages: { packageJson: string; flag: string; specifier: string }[];
}

export function resolvePreloads(host: Host, preloads: readonly Preload[], runCwd: string): ResolvedPreloads {
  const out: ResolvedPreloads = { files: [], packageJsonReads: [], packages: [] };
  // Node resolves a preload as if it were required from a module in the working folder.
  const from = path.join(runCwd, '[preload]');
  for (const p of preloads) {
    const r = resolveModule(host, p.specifier, from, p.flag === '--import' ? 'import' : 'require');
    if (r.kind === 'builtin') continue;
    if (r.kind === 'missing') {
      throw new PolicyError('ENTRY_NOT_FOUND', `preload ${p.flag} ${p.specifier} cannot be resolved from ${runCwd}`, 'install it (npm install), or fix the node options of the script');
    }
    out.files.push(host.realpath(r.file));
    if (r.packageJson) {
      out.packageJsonReads.push([r.packageJson, { reason: 'package-json', api: p.flag, package: '.', detail: `${p.flag} ${p.specifier}` }]);
      out.packages.push({ packageJson: r.packageJson, flag: p.flag, specifier: p.specifier });
    }
  }
  return out;
}

/**
 * The TypeScript loader among the preloads (`--import tsx`, `-r ts-node/register`), with the
 * project's tsconfig `paths`, which such loaders honour; nothing when Node runs the app alone.
 */
export function typeScriptResolution(host: Host, root: string, preloads: readonly Preload[]): TypeScriptResolution | undefined {
  const loader = preloads.map((p) => typeScriptLoaderOf(p.specifier)).find((l) => l !== undefined);
  if (!loader) return undefined;
  const configFile = path.join(root, 'tsconfig.json');
  const content = host.kind(configFile) === 'file' ? host.readFile(configFile, { maxBytes: 1 << 20 }) : undefined;
  const paths = content instanceof Buffer ? readTsPaths(content.toString('utf8'), root) : undefined;
  return { loader, ...(paths ? { paths } : {}) };
}
