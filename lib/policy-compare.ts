// Compares what the code needs now (a Report) with what a committed policy grants: the grants
// that are missing, each with the evidence (code sites) that needs it, and the grants nothing
// needs any more. `generate-flags --check` prints the result; a CI job fails on it.

import type { NodeVersionFacts } from './node-versions/index.js';
import type { CommittedPolicy } from './policy-file.js';
import { booleanCapabilities } from './capabilities.js';
import type { Evidence } from './types.js';
import type { Report } from './report.js';

export interface GrantDifference {
  /** The flag as it would be written with an absolute path: `--allow-fs-write=/srv/app/logs/*`, `--allow-worker`. */
  flag: string;
  /** Why the code needs it (missing grants only). */
  evidence: Evidence[];
}

export interface PolicyComparison {
  source: string;
  /** The committed policy does not switch the Permission Model on for the target, or spells it wrong. */
  enable?: { found: string | undefined; expected: string };
  missing: GrantDifference[];
  unneeded: GrantDifference[];
}


/**
 * Whether a granted path covers a needed one, as Node matches grants (docs/node-facts.md#grant-paths): `*` is
 * everything; a trailing `*` is a string-prefix wildcard (`/dir/*` also grants `/dir` itself);
 * a plain path grants itself, and its subtree when it is a folder (`isDir`).
 */
export function grantCovers(granted: string, needed: string, isDir: (p: string) => boolean): boolean {
  if (granted === '*' || granted === '/') return true;
  const neededBase = needed.endsWith('/*') ? needed.slice(0, -2) : needed;
  if (granted.endsWith('*')) {
    const prefix = granted.slice(0, -1);
    if (granted.endsWith('/*') && neededBase === granted.slice(0, -2)) return true;
    return (needed.endsWith('/*') ? `${neededBase}/` : neededBase).startsWith(prefix);
  }
  if (granted === needed) return true;
  if (neededBase === granted && !needed.endsWith('/*')) return true;
  return isDir(granted) && neededBase.startsWith(granted.replace(/\/$/, '') + '/');
}

function comparePaths(
  needed: { path: string; evidence: Evidence[] }[],
  granted: string[],
  flag: string,
  isDir: (p: string) => boolean,
): { missing: GrantDifference[]; unneeded: GrantDifference[] } {
  const missing = needed
    .filter((n) => !granted.some((g) => grantCovers(g, n.path, isDir)))
    .map((n) => ({ flag: `${flag}=${n.path}`, evidence: n.evidence }));
  const unneeded = [...new Set(granted)]
    .filter((g) => !needed.some((n) => grantCovers(g, n.path, isDir)))
    .map((g) => ({ flag: `${flag}=${g}`, evidence: [] }));
  return { missing, unneeded };
}

export function comparePolicy(report: Report, committed: CommittedPolicy, facts: NodeVersionFacts, isDir: (p: string) => boolean): PolicyComparison {
  const result: PolicyComparison = { source: committed.source, missing: [], unneeded: [] };
  const expected = committed.enable === 'config' ? 'config' : facts.enableFlag;
  if (committed.enable !== expected) result.enable = { found: committed.enable, expected: facts.enableFlag };
  for (const [list, grants, flag] of [
    [report.policy.fsRead, committed.read, '--allow-fs-read'],
    [report.policy.fsWrite, committed.write, '--allow-fs-write'],
  ] as const) {
    const { missing, unneeded } = comparePaths(list, grants, flag, isDir);
    result.missing.push(...missing);
    result.unneeded.push(...unneeded);
  }
  // Booleans are compared as the target spells them: a grant the version has no flag for
  // (--allow-net before 25) is in neither list, since nothing could be written for it.
  for (const { policyKey, flag } of booleanCapabilities) {
    const grant = report.policy[policyKey];
    const needed = grant.granted && report.flags.includes(flag);
    const has = committed.allow.includes(flag);
    if (needed && !has) result.missing.push({ flag, evidence: grant.evidence });
    if (!needed && has) result.unneeded.push({ flag, evidence: [] });
  }
  return result;
}

export function policiesMatch(c: PolicyComparison): boolean {
  return !c.enable && c.missing.length === 0 && c.unneeded.length === 0;
}
