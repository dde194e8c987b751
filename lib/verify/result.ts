// The outcome of `generate-flags verify`, built from the recorded accesses of a run with no
// grants at all (audit mode reports every check then), the policy the app would run with, and
// the static report of the same app: each access the policy does not cover (with the class the
// analysis earns for it), and each grant no access used. Pure: file questions go through
// callbacks.

import { booleanCapabilities } from '../capabilities.js';
import { grantCovers } from '../policy-compare.js';
import { formatSite } from '../site.js';
import type { Evidence } from '../types.js';
import type { Report } from '../report.js';
import { classifyAccess, type AccessClass, type AuditCapability, type ClassifiedAccess } from './classify.js';
import type { RecordedAccess } from './records.js';

/** The grants a run is checked against: the committed policy, or the one generated now. */
export interface GrantSet {
  /** Where it comes from, for messages: a file, or `generated now`. */
  source: string;
  /** Absolute paths as Node takes them (`/*` folder grants, `*` prefixes). */
  read: string[];
  write: string[];
  /** Boolean flags as Node spells them: `--allow-child-process`. */
  allow: string[];
}

/**
 * - `silent`, `reported`: as classifyAccess says, for an access the policy does not cover;
 * - `stale`: the static analysis grants it now, but the policy in use does not (regenerate it);
 * - `outside`, `absent`: information, not counted as missing.
 */
export type VerifyStatus = Exclude<AccessClass, 'granted'> | 'stale';

export interface VerifyAccess {
  status: VerifyStatus;
  flag: string;
  capability: AuditCapability;
  path?: string;
  api?: string;
  /** `file:line:column`, project-relative: the first frame in the app or a package. */
  site?: string;
  package?: string;
  reportedBy?: { code: string; site: string };
  note?: string;
  /** The first frames outside Node, `file:line:column`, innermost first. */
  stack: string[];
}

export interface VerifyCounts {
  /** Distinct accesses the run made that the Permission Model checks. */
  observed: number;
  /** Covered by the policy in use. */
  granted: number;
  stale: number;
  reported: number;
  silent: number;
  outside: number;
  absent: number;
}

export interface VerifyOutcome {
  /** Accesses the policy in use does not cover: silent, reported or stale. */
  missing: VerifyAccess[];
  /** Outside the project's code, or probes of missing paths. */
  information: VerifyAccess[];
  /** Flags of the policy in use that no access of the run needed. */
  unused: string[];
  counts: VerifyCounts;
}

export interface VerifyInput {
  report: Report;
  policy: GrantSet;
  accesses: readonly RecordedAccess[];
  isDir: (p: string) => boolean;
  exists: (p: string) => boolean;
  /** A line of a file on an access's stack, for calls chained over lines (source-lines.ts). Default: none read. */
  lineText?: (file: string, line: number) => string | undefined;
}

/**
 * Which granted paths are folders, as Node decides it: a grant of a path that is not there when
 * the process starts is that path alone (docs/node-facts.md), so a folder the app makes during the
 * run (csv-writer's app, `mkdirSync('out')` then a write below it) is no folder grant. Read before
 * the run starts for every path the report and the policy grant; any other path as it is later.
 */
export function foldersAtStart(report: Report, policy: GrantSet | undefined, isDir: (p: string) => boolean): (p: string) => boolean {
  const granted = [...report.policy.fsRead, ...report.policy.fsWrite].map((g) => g.path).concat(policy ? [...policy.read, ...policy.write] : []);
  const atStart = new Map(granted.filter((p) => !p.endsWith('*')).map((p) => [p, isDir(p)]));
  return (p) => atStart.get(p) ?? isDir(p);
}

function covers(policy: GrantSet, a: ClassifiedAccess, isDir: (p: string) => boolean): string | undefined {
  if (a.capability === 'fs.read' || a.capability === 'fs.write') {
    const list = a.capability === 'fs.read' ? policy.read : policy.write;
    const flag = a.capability === 'fs.read' ? '--allow-fs-read' : '--allow-fs-write';
    const hit = list.find((g) => grantCovers(g, a.path!, isDir));
    return hit !== undefined ? `${flag}=${hit}` : undefined;
  }
  return policy.allow.includes(a.flag) ? a.flag : undefined;
}

function toVerifyAccess(a: ClassifiedAccess, status: VerifyStatus): VerifyAccess {
  return {
    status,
    flag: a.flag,
    capability: a.capability,
    ...(a.path !== undefined ? { path: a.path } : {}),
    ...(a.api ? { api: a.api } : {}),
    ...(a.site ? { site: formatSite(a.site) } : {}),
    ...(a.package ? { package: a.package } : {}),
    ...(a.reportedBy ? { reportedBy: { code: a.reportedBy.code, site: formatSite(a.reportedBy.site) } } : {}),
    ...(a.note ? { note: a.note } : {}),
    stack: a.access.stack.filter((f) => !f.file.startsWith('node:')).slice(0, 6).map((f) => `${f.file}:${f.line}:${f.column}`),
  };
}

/** The policy's flags, each once. */
function policyFlags(policy: GrantSet): string[] {
  return [...new Set([...policy.read.map((p) => `--allow-fs-read=${p}`), ...policy.write.map((p) => `--allow-fs-write=${p}`), ...policy.allow])];
}

/** Sorts a run's accesses against the policy in use and the static report; see VerifyOutcome. */
export function verifyOutcome(input: VerifyInput): VerifyOutcome {
  const used = new Set<string>();
  const seen = new Set<string>();
  const missing: VerifyAccess[] = [];
  const information: VerifyAccess[] = [];
  const counts: VerifyCounts = { observed: 0, granted: 0, stale: 0, reported: 0, silent: 0, outside: 0, absent: 0 };
  for (const access of input.accesses) {
    const a = classifyAccess(input.report, access, { isDir: input.isDir, exists: input.exists, ...(input.lineText ? { lineText: input.lineText } : {}) });
    // The same access made by a parent and its children, or by each of several workers, counts once.
    // Information is listed once per flag.
    const key = a.class === 'outside' || a.class === 'absent' ? `${a.flag}\0${a.class}` : `${a.flag}\0${a.site ? formatSite(a.site) : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    counts.observed++;
    const grant = covers(input.policy, a, input.isDir);
    if (grant !== undefined) {
      used.add(grant);
      counts.granted++;
      continue;
    }
    const status: VerifyStatus = a.class === 'granted' ? 'stale' : a.class;
    counts[status]++;
    (status === 'outside' || status === 'absent' ? information : missing).push(toVerifyAccess(a, status));
  }
  // Node 22+ reads the entry without a check, so its grant never shows as used.
  const entries = new Set(input.report.project.entries.map((e) => `--allow-fs-read=${e}`));
  const unused = policyFlags(input.policy).filter((f) => !used.has(f) && !entries.has(f));
  return { missing, information, unused, counts };
}

const onlyObserved = (evidence: Evidence[]) => evidence.length > 0 && evidence.every((e) => e.reason === 'observed');

/**
 * A report's own grants, as a policy file would hold them (booleans only where the target has
 * the flag); `withObserved: false` leaves out those that only verify's observations made.
 */
export function grantsOfReport(report: Report, withObserved = true): GrantSet {
  const keep = (g: { evidence: Evidence[] }) => withObserved || !onlyObserved(g.evidence);
  const allow = booleanCapabilities
    .filter(({ policyKey, flag }) => {
      const grant = report.policy[policyKey];
      return grant.granted && keep(grant) && report.flags.includes(flag);
    })
    .map(({ flag }) => flag);
  return {
    source: 'generated now (no committed policy found)',
    read: report.policy.fsRead.filter(keep).map((g) => g.path),
    write: report.policy.fsWrite.filter(keep).map((g) => g.path),
    allow,
  };
}
