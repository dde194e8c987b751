// Stage 1: what to analyse. Finds the project root (nearest package.json), the entries and
// the target Node version. It reads only package.json, .nvmrc and .node-version; code is left
// to the graph stage.

import * as path from 'node:path';
import type { Host } from '../host.js';
import { readJson } from '../host.js';
import { PolicyError } from '../errors.js';
import type { Target } from '../types.js';
import { findEntries, resolveEntryFile, type PackageJson } from './entries.js';
import { resolveTarget, type TargetSources } from './target.js';

export { scriptOfStartCommand } from './node-command.js';
export type { PackageJson } from './entries.js';

export interface Project {
  root: string;
  packageJson: PackageJson;
  entries: string[];
  target: Target;
}

export interface ProjectOptions {
  cwd: string;
  entries?: string[];
  target?: string;
  runningVersion: string;
}

export function findRoot(host: Host, cwd: string): string {
  let dir = path.resolve(cwd);
  for (;;) {
    if (host.kind(path.join(dir, 'package.json')) === 'file') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new PolicyError('NO_PACKAGE_JSON', `no package.json in ${cwd} or any folder above it`, 'run inside a Node.js project, or pass --cwd DIR');
    }
    dir = parent;
  }
}

/** What the project says about its Node version, in the order it counts: engines.node, .nvmrc, .node-version. */
export function targetSources(host: Host, root: string, packageJson: PackageJson): TargetSources {
  const text = (name: string) => {
    const data = host.readFile(path.join(root, name));
    return data instanceof Error ? undefined : data.toString('utf8');
  };
  const engines = packageJson.engines?.node;
  return { engines: typeof engines === 'string' ? engines : undefined, nvmrc: text('.nvmrc'), nodeVersion: text('.node-version') };
}

export function loadProject(host: Host, options: ProjectOptions): Project {
  const root = findRoot(host, options.cwd);
  const pkgPath = path.join(root, 'package.json');
  const pkg = readJson(host, pkgPath);
  if (!pkg || typeof pkg !== 'object' || Array.isArray(pkg)) {
    throw new PolicyError('PACKAGE_JSON_INVALID', `${pkgPath} is not a JSON object`, 'fix the syntax of package.json');
  }
  const packageJson = pkg as PackageJson;
  let entries: string[];
  if (options.entries && options.entries.length > 0) {
    entries = options.entries.map((e) => {
      const abs = path.resolve(options.cwd, e);
      const file = resolveEntryFile(host, abs);
      if (!file) throw new PolicyError('ENTRY_NOT_FOUND', `entry ${e} does not exist`, `looked for ${abs}`);
      return file;
    });
  } else {
    entries = findEntries(host, root, packageJson);
    const missing = entries.find((e) => host.kind(e) !== 'file');
    if (missing) {
      throw new PolicyError('ENTRY_NOT_FOUND', `entry ${path.relative(root, missing)} named by package.json does not exist`, 'fix package.json, or pass the entry file as an argument');
    }
  }
  const target = resolveTarget({ option: options.target, ...targetSources(host, root, packageJson) }, options.runningVersion);
  return { root, packageJson, entries: [...new Set(entries.map((e) => host.realpath(e)))], target };
}
