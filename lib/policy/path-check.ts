// Which paths a Permission Model grant can carry exactly, and the screen that keeps the others
// out of the policy. Node reads a `*` anywhere in a grant as "every path that starts with the
// text before it" (measured on 20.20.2, 22.23.3, 23.11.1, 24.21.0, 25.9.0, 26.10.0: a grant on
// `/srv/a*b/f.txt` also opens `/srv/a/x` and `/srv/axx`), so a real path holding `*` cannot be
// granted without widening it. A NUL cannot travel in argv, and a lone UTF-16 surrogate has no
// UTF-8 form. Every other character (space, quotes, `$`, backtick, newline, tab, comma, `=`,
// backslash, non-ASCII, a leading `-`) is expressible; quoting is the emit stage's job.

import * as path from 'node:path';
import { followsPackageType } from '../parse/typescript.js';
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import { PolicyError } from '../errors.js';
import type { Graph } from '../graph/index.js';
import type { Evidence, Site } from '../types.js';

export type PathProblem = 'wildcard' | 'nul' | 'not-unicode';

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `p` cannot be granted exactly, or undefined when it can. */
export function grantPathProblem(p: string): PathProblem | undefined {
  if (p.includes('\0')) return 'nul';
  if (loneSurrogate.test(p)) return 'not-unicode';
  if (p.includes('*')) return 'wildcard';
  return undefined;
}

/**
 * A user's --read/--write value is granted as written, `*` included: the user asked for that
 * pattern. Only what no flag can carry at all is refused.
 */
export function checkUserGrant(option: '--read' | '--write', p: string): void {
  const problem = grantPathProblem(p);
  if (problem === 'nul' || problem === 'not-unicode') {
    throw new PolicyError(
      'PATH_NOT_EXPRESSIBLE',
      `${option} ${JSON.stringify(p)} cannot be written as a Node flag: ${problem === 'nul' ? 'it contains a NUL character' : 'it is not valid Unicode'}`,
      'pass the path without that character',
    );
  }
}

/**
 * The graph as the policy may see it: every analysis-derived path that cannot be granted
 * exactly is left out, with one FS_PATH_NOT_EXPRESSIBLE error per path and scope. Leaving it out
 * means the app is denied that access at run time, which is the failure the diagnostic
 * announces; granting the widened pattern instead would open paths the code never named.
 */
export function screenGraphPaths(graph: Graph, root: string): { graph: Graph; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  const ok = (p: string, scope: 'read' | 'write', site: Site | undefined): boolean => {
    const problem = grantPathProblem(p);
    if (!problem) return true;
    const key = `${scope}\0${p}`;
    if (!reported.has(key)) {
      reported.add(key);
      diagnostics.push(diagnostic('FS_PATH_NOT_EXPRESSIBLE', 'error', { path: p, scope, problem }, site));
    }
    return false;
  };
  const firstSite = (list: { site?: Site }[]) => list.find((e) => e.site)?.site;
  // Addons are loaded by dlopen, which the Permission Model does not check (docs/node-facts.md#addons).
  const files = kept(graph.files, (f) => {
    if (f.format === 'addon') return true;
    const granted = f.scope?.typeModule && followsPackageType(f.file) ? f.scope.dir : f.file;
    return ok(granted, 'read', firstSite(f.loadedBy));
  });
  const readsOk = ([file, evidence]: [string, Evidence[]]) => ok(file, 'read', firstSite(evidence));
  const packageJsonReads = [...graph.packageJsonReads].every(readsOk) ? graph.packageJsonReads : new Map([...graph.packageJsonReads].filter(readsOk));
  const needs = kept(graph.needs, (n) => (n.capability !== 'fs.read' && n.capability !== 'fs.write') || n.path === undefined || ok(n.path, n.capability === 'fs.read' ? 'read' : 'write', n.site));
  const unresolved = kept(graph.unresolved, (u) => u.fallback !== 'project' || ok(root, u.capability === 'fs.write' ? 'write' : 'read', u.site));
  return { graph: { ...graph, files, packageJsonReads, needs, unresolved }, diagnostics };
}

/**
 * The list itself when every entry passes, else the entries that pass. The check is asked again
 * of the entries before the first failure; it reports a path once, so no diagnostic repeats or
 * moves. A copy of the graph's lists (60,000 needs on the generated 20,000-module tree) was held
 * through the policy stage.
 */
function kept<T>(list: T[], test: (item: T) => boolean): T[] {
  return list.every(test) ? list : list.filter(test);
}

/**
 * What a --read/--write PATH (or a permissionPolicy entry) grants, absolute against the project
 * root, the same whatever is on disk: `PATH/` or `PATH/*` is the folder and everything below it
 * (written `PATH/*`, which Node honours whether or not the folder exists at start); `PATH` alone
 * is that path exactly (Node grants an existing folder's subtree with it, but not a folder made
 * later). `*` is everything.
 */
export function userGrantPath(root: string, p: string): { path: string; folder: boolean } {
  if (p === '*') return { path: '*', folder: true };
  const folder = p.endsWith('/') || p.endsWith('/*');
  const bare = p.replace(/\/\*$/, '').replace(/\/+$/, '') || '/';
  const abs = path.resolve(root, bare);
  return folder ? { path: abs === '/' ? '/*' : `${abs}/*`, folder: true } : { path: abs, folder: false };
}
