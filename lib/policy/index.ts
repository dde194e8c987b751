// Stage 6: fold the graph's needs into a least-privilege Policy for one target version.
// Code is granted file by file, except where Node needs a folder ("type": "module" is ignored
// unless its package folder is readable); every grant keeps all the evidence behind it, and
// grants covered by a folder grant of the same scope are merged into it.

import * as path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import type { Graph } from '../graph/index.js';
import type { Host } from '../host.js';
import type { NodeVersionFacts } from '../node-versions/index.js';
import type { VersionSpan } from '../node-versions/range.js';
import { targetFindings } from './target-findings.js';
import type { BooleanCapability, BooleanGrant, Evidence, PathGrant, Policy } from '../types.js';

export interface PolicyInput {
  graph: Graph;
  /** The facts to fold with; for a range, those that hold on all of it (node-versions/range.ts). */
  facts: NodeVersionFacts;
  /** Every release (or stretch of a range) the policy must work on, for the target findings. Default: `facts` alone. */
  spans?: readonly VersionSpan[];
  root: string;
  host: Host;
  /** Extra grants from --read / --write, absolute. */
  read: string[];
  write: string[];
}

interface Draft {
  /** Absolute path, without any trailing `/*`. */
  path: string;
  subtree: boolean;
  /** A string-prefix grant, written `<path>*`: covers every path that starts with `path`. */
  wildcard?: boolean;
  /** Asked for exactly (--read/--write PATH without a trailing /): an existing folder here does not make it a folder grant. */
  userExact?: boolean;
  evidence: Evidence[];
}

const booleanKeys: Record<BooleanCapability, keyof Omit<Policy, 'fsRead' | 'fsWrite'>> = {
  'child-process': 'childProcess',
  worker: 'worker',
  addons: 'addons',
  wasi: 'wasi',
  net: 'net',
  inspector: 'inspector',
};

/**
 * Drops grants a folder grant of the same scope already covers, moving their evidence onto it.
 * A path that is a folder now, or that other grants lie under (a folder the app creates), is a
 * folder grant: Node grants an existing folder's whole subtree anyway, and Node 20 denies the
 * folder itself when a file inside it is granted too (measured on 20.20.2).
 */
function minimise(host: Host, drafts: Map<string, Draft>): Draft[] {
  // Sorted by code unit, the paths under a folder form one run right after `<folder>/`, so both
  // lookups below are a binary search or a walk up the path: linear-ish on 20,000-file apps,
  // where comparing every pair took minutes.
  const sorted = [...drafts.keys()].sort();
  const hasPathUnder = (folder: string): boolean => {
    const prefix = folder + '/';
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo < sorted.length && sorted[lo]!.startsWith(prefix);
  };
  for (const d of drafts.values()) {
    if (!d.subtree && !d.wildcard && d.path !== '/' && ((!d.userExact && host.kind(d.path) === 'dir') || hasPathUnder(d.path))) d.subtree = true;
  }
  const all = [...drafts.values()].sort(
    (a, b) => a.path.length - b.path.length || Number(Boolean(b.wildcard)) - Number(Boolean(a.wildcard)) || a.path.localeCompare(b.path),
  );
  // String-prefix grants are few (mkdtemp prefixes, `<dir>/name-` + id): a scan is enough.
  const keptWildcards: Draft[] = [];
  const kept: Draft[] = [];
  const keptFolders = new Map<string, Draft>();
  // The shortest kept folder grant that covers `p`: `/`, else the folders above it, top down.
  const coverOf = (p: string): Draft | undefined => {
    const root = keptFolders.get('/') ?? keptFolders.get('*');
    if (root) return root;
    const wildcard = keptWildcards.find((w) => p.startsWith(w.path));
    if (wildcard) return wildcard;
    for (let i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) {
      const folder = keptFolders.get(p.slice(0, i));
      if (folder) return folder;
    }
    return undefined;
  };
  for (const d of all) {
    const cover = coverOf(d.path);
    if (cover) cover.evidence.push(...d.evidence);
    else {
      const copy = { ...d, evidence: [...d.evidence] };
      kept.push(copy);
      if (copy.subtree) keptFolders.set(copy.path, copy);
      if (copy.wildcard) keptWildcards.push(copy);
    }
  }
  return kept.sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * A folder grant is written `<dir>/*`: for an existing folder that is the same as `<dir>`, and
 * for one that does not exist yet at launch it is the only form that covers the subtree
 * (facts §3). Writing it one way keeps the output the same whether or not the folder exists on
 * the machine that ran the analysis.
 */
function emitted(d: Draft): string {
  if (d.wildcard) return `${d.path}*`;
  if (!d.subtree || d.path === '/' || d.path === '*' || d.path.endsWith('/*')) return d.path;
  return `${d.path}/*`;
}

export function foldPolicy(input: PolicyInput): { policy: Policy; diagnostics: Diagnostic[] } {
  const { graph, facts, host, root } = input;
  const diagnostics: Diagnostic[] = [];
  const scopes = { read: new Map<string, Draft>(), write: new Map<string, Draft>() };
  const add = (scope: 'read' | 'write', p: string, subtree: boolean, evidence: Evidence[], wildcard = false) => {
    const key = wildcard ? `${p}*` : p;
    const existing = scopes[scope].get(key);
    if (existing) {
      existing.subtree ||= subtree;
      existing.evidence.push(...evidence);
    } else scopes[scope].set(key, { path: p, subtree, ...(wildcard ? { wildcard } : {}), evidence: [...evidence] });
  };

  const folderGrants = new Set<string>();
  for (const f of graph.files) {
    if (f.format === 'addon') continue; // dlopen is not fs-checked (facts §7)
    // Where Node detects module syntax, a file with import/export runs as ESM whether or not it
    // can read "type"; only the other files need the folder (measured on 20.20, 22, 24, 26).
    const needsType = f.scope?.typeModule && path.extname(f.file) === '.js' && !(facts.syntaxDetection && f.moduleSyntax);
    const typeModuleFolder = needsType ? f.scope!.dir : undefined;
    if (typeModuleFolder) {
      const detail = '"type": "module" is ignored unless the folder holding package.json is readable';
      add('read', typeModuleFolder, true, f.loadedBy.map((e) => ({ ...e, reason: 'type-module' as const, detail })));
      if (!folderGrants.has(typeModuleFolder)) {
        folderGrants.add(typeModuleFolder);
        const site = f.loadedBy.find((e) => e.site)?.site;
        diagnostics.push(diagnostic('FOLDER_GRANT', 'info', { path: typeModuleFolder, rule: 'type-module' }, site));
      }
    } else {
      add('read', f.file, false, f.loadedBy);
    }
  }
  if (facts.dependencyPackageJsonChecked) {
    for (const [file, evidence] of graph.packageJsonReads) add('read', file, false, evidence);
  }

  const booleans = Object.fromEntries(Object.values(booleanKeys).map((k) => [k, { granted: false, evidence: [] as Evidence[] }])) as Record<
    (typeof booleanKeys)[BooleanCapability],
    BooleanGrant
  >;
  for (const need of graph.needs) {
    if (need.onlyIfMissing && need.path && host.kind(need.path) !== undefined) continue;
    const evidence: Evidence = {
      reason: need.model ? 'model' : 'api',
      site: need.site,
      api: need.api,
      package: need.package,
      ...(need.via ? { via: need.via } : {}),
      ...(need.model ? { detail: need.model } : {}),
    };
    if (need.capability === 'fs.read' || need.capability === 'fs.write') {
      add(need.capability === 'fs.read' ? 'read' : 'write', need.path!, need.subtree ?? false, [evidence], need.wildcard ?? false);
    } else {
      const grant = booleans[booleanKeys[need.capability]];
      grant.granted = true;
      grant.evidence.push(evidence);
    }
  }

  for (const u of graph.unresolved) {
    if (u.fallback !== 'project') continue;
    add(u.capability === 'fs.write' ? 'write' : 'read', root, true, [{ reason: 'unresolved-fallback', site: u.site, api: u.api, package: u.package }]);
  }
  for (const [scope, list] of [['read', input.read], ['write', input.write]] as const) {
    for (const p of list) {
      // One meaning whatever is on disk (userGrantPath): only `dir/*` (from `dir/` or `dir/*`) is a folder grant.
      const isFolder = p === '*' || p.endsWith('/*');
      const at = p !== '*' && isFolder ? p.slice(0, -2) || '/' : p;
      const fresh = !scopes[scope].has(at);
      add(scope, at, isFolder, [{ reason: 'user', package: '.' }]);
      if (fresh && !isFolder) scopes[scope].get(at)!.userExact = true;
    }
  }

  const toGrants = (drafts: Map<string, Draft>): PathGrant[] => minimise(host, drafts).map((d) => ({ path: emitted(d), evidence: d.evidence }));
  const policy: Policy = { fsRead: toGrants(scopes.read), fsWrite: toGrants(scopes.write), ...booleans };
  diagnostics.push(...targetFindings(policy, input.spans ?? [{ major: facts.major, from: facts.testedVersion, range: facts.testedVersion, label: String(facts.major), facts }]));
  // Node 20's cpSync stats every ancestor of the destination (facts §2, §14): warn, do not grant '/'.
  if ((input.spans ?? [{ major: facts.major }]).some((span) => span.major === 20)) {
    for (const need of graph.needs) {
      if (need.api !== 'fs.cpSync' || need.capability !== 'fs.write') continue;
      diagnostics.push(diagnostic('FS_NEEDS_ANCESTOR_READ', 'warning', { api: 'fs.cpSync on Node 20', path: need.path ?? 'its destination' }, need.site));
    }
  }
  return { policy, diagnostics };
}

