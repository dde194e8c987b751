// Stage 6: fold the graph's needs into a least-privilege Policy for one target version.
// Code is granted file by file, except where Node needs a folder ("type": "module" is ignored
// unless its package folder is readable); every grant keeps all the evidence behind it, and
// grants covered by a folder grant of the same scope are merged into it.

import * as path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import type { Graph } from '../graph/index.js';
import type { Host } from '../host.js';
import type { NodeVersionFacts } from '../node-versions/index.js';
import type { BooleanCapability, BooleanGrant, Evidence, PathGrant, Policy } from '../types.js';

export interface PolicyInput {
  graph: Graph;
  facts: NodeVersionFacts;
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

function covers(folder: string, p: string): boolean {
  return folder === '/' || p === folder || p.startsWith(folder + '/');
}

/**
 * Drops grants a folder grant of the same scope already covers, moving their evidence onto it.
 * A path that is a folder now, or that other grants lie under (a folder the app creates), is a
 * folder grant: Node grants an existing folder's whole subtree anyway, and Node 20 denies the
 * folder itself when a file inside it is granted too (measured on 20.20.2).
 */
function minimise(host: Host, drafts: Map<string, Draft>): Draft[] {
  const paths = [...drafts.keys()];
  for (const d of drafts.values()) {
    if (!d.subtree && d.path !== '/' && (host.kind(d.path) === 'dir' || paths.some((p) => p.startsWith(d.path + '/')))) d.subtree = true;
  }
  const all = [...drafts.values()].sort((a, b) => a.path.length - b.path.length || a.path.localeCompare(b.path));
  const kept: Draft[] = [];
  for (const d of all) {
    const cover = kept.find((k) => k.subtree && covers(k.path, d.path));
    if (cover) cover.evidence.push(...d.evidence);
    else kept.push({ ...d, evidence: [...d.evidence] });
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
  if (!d.subtree || d.path === '/' || d.path === '*' || d.path.endsWith('/*')) return d.path;
  return `${d.path}/*`;
}

export function foldPolicy(input: PolicyInput): { policy: Policy; diagnostics: Diagnostic[] } {
  const { graph, facts, host, root } = input;
  const diagnostics: Diagnostic[] = [];
  const scopes = { read: new Map<string, Draft>(), write: new Map<string, Draft>() };
  const add = (scope: 'read' | 'write', p: string, subtree: boolean, evidence: Evidence[]) => {
    const existing = scopes[scope].get(p);
    if (existing) {
      existing.subtree ||= subtree;
      existing.evidence.push(...evidence);
    } else scopes[scope].set(p, { path: p, subtree, evidence: [...evidence] });
  };

  const folderGrants = new Set<string>();
  for (const f of graph.files) {
    if (f.format === 'addon') continue; // dlopen is not fs-checked (facts §7)
    const typeModuleFolder = f.scope?.typeModule && path.extname(f.file) === '.js' ? f.scope.dir : undefined;
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
    const evidence: Evidence = {
      reason: need.model ? 'model' : 'api',
      site: need.site,
      api: need.api,
      package: need.package,
      ...(need.via ? { via: need.via } : {}),
      ...(need.model ? { detail: need.model } : {}),
    };
    if (need.capability === 'fs.read' || need.capability === 'fs.write') {
      add(need.capability === 'fs.read' ? 'read' : 'write', need.path!, need.subtree ?? false, [evidence]);
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
      const isFolder = p === '*' || p.endsWith('/*') || host.kind(p) === 'dir';
      add(scope, p, isFolder, [{ reason: 'user', package: '.' }]);
    }
  }

  const toGrants = (drafts: Map<string, Draft>): PathGrant[] => minimise(host, drafts).map((d) => ({ path: emitted(d), evidence: d.evidence }));
  const policy: Policy = { fsRead: toGrants(scopes.read), fsWrite: toGrants(scopes.write), ...booleans };
  diagnostics.push(...targetFindings(policy, facts));
  return { policy, diagnostics };
}

/** What the target version cannot restrict or cannot allow, said once per capability. */
function targetFindings(policy: Policy, facts: NodeVersionFacts): Diagnostic[] {
  const out: Diagnostic[] = [];
  const target = String(facts.major);
  const firstSite = (g: BooleanGrant) => g.evidence.find((e) => e.site)?.site;
  if (policy.net.granted && !facts.netGated) out.push(diagnostic('CAPABILITY_NOT_GATED', 'info', { capability: 'net', target }, firstSite(policy.net)));
  if (policy.inspector.granted && !facts.inspectorAllowable) {
    out.push(diagnostic('CAPABILITY_UNAVAILABLE', 'error', { capability: 'inspector', target }, firstSite(policy.inspector)));
  }
  if (policy.childProcess.granted && !facts.childProcessInheritsPermission) {
    out.push(diagnostic('CHILD_NOT_RESTRICTED', 'info', { target }, firstSite(policy.childProcess)));
  }
  return out;
}
