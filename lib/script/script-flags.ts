// The policy flags as they are written into a package.json script: paths inside the package
// written relative to the folder the command runs in, where that is safe, so the script works
// in every checkout of the project; absolute otherwise, with the reason.
//
// Why relative is safe there: Node resolves a relative --allow-fs-* path against the process's
// working folder at startup (docs/node-facts.md#grant-paths, the same on 20–26), and `npm run` (like yarn and pnpm)
// always starts a script in the package root, whatever folder it is called from; a `cd DIR &&`
// earlier in the script is followed. Why it is not safe everywhere: on Node 22 and 24+ a child
// process inherits the flags verbatim and resolves relative paths against ITS OWN working
// folder (docs/node-facts.md#child-process), so an app that starts children gets absolute paths.

import * as path from 'node:path';
import { factsFor } from '../node-versions/index.js';
import type { Report } from '../report.js';

export type AbsoluteReason = 'child-process' | 'cwd-unknown';

export interface ScriptFlags {
  flags: string[];
  /** Why the paths are absolute, when they are. */
  absoluteReason?: AbsoluteReason;
  /** Granted paths outside the package root: written absolute even in a relative script. */
  outside: string[];
}

const pathFlag = /^(--allow-fs-(?:read|write))=(.*)$/s;

function inside(root: string, p: string): boolean {
  return p === root || p.startsWith(root + '/');
}

/** `p` (absolute, maybe ending in `/*`) relative to `runCwd`, starting with `./` or `../`. */
export function relativePath(runCwd: string, p: string): string {
  const wildcard = p.endsWith('/*');
  const rel = path.relative(runCwd, wildcard ? p.slice(0, -2) : p).split(path.sep).join('/');
  const base = rel === '' ? '.' : rel.startsWith('..') ? rel : `./${rel}`;
  return wildcard ? `${base}/*` : base;
}

/**
 * The report's flags for a script whose command runs in `runCwd` (absolute), or in a folder the
 * script's `cd` commands do not let us know (undefined).
 */
export function scriptFlags(report: Report, runCwd: string | undefined): ScriptFlags {
  const root = report.project.root;
  const outside: string[] = [];
  const facts = factsFor(report.target.version)!;
  const absoluteReason: AbsoluteReason | undefined =
    runCwd === undefined ? 'cwd-unknown' : report.policy.childProcess.granted && facts.childProcessInheritsPermission ? 'child-process' : undefined;
  const flags = report.flags.map((flag) => {
    const m = pathFlag.exec(flag);
    if (!m || m[2] === '*') return flag;
    if (!inside(root, m[2]!.replace(/\/\*$/, ''))) {
      outside.push(m[2]!);
      return flag;
    }
    return absoluteReason || runCwd === undefined ? flag : `${m[1]}=${relativePath(runCwd, m[2]!)}`;
  });
  return { flags, ...(absoluteReason ? { absoluteReason } : {}), outside };
}
