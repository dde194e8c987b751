// Stage 6: fold the graph's needs into a least-privilege Policy for one target version.
// Code is granted file by file, except where Node needs a folder ("type": "module" is ignored
// unless its package folder is readable); every grant keeps all the evidence behind it, and
// grants covered by a folder grant of the same scope are merged into it.

import * as path from 'node:path';
import { followsPackageType } from '../parse/typescript.js';
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import type { Graph } from '../graph/index.js';
import type { Host } from '../host.js';
import type { NodeVersionFacts } from '../node-versions/index.js';
import type { VersionSpan } from '../node-versions/range.js';
import { nodeKey, separateNameExtensions, type Draft } from './name-extensions.js';
import { observedDetail, type ObservedGrant } from '../project/observed.js';
import { targetFindings } from './target-findings.js';
import type { BooleanGrant, Evidence, PathGrant, Policy, Site, Withheld } from '../types.js';
import { booleanCapabilities, capabilityInfo, type BooleanPolicyKey } from '../capabilities.js';
import { codeCoverFindings, isCodeName } from './code-cover.js';
import { createdEntries, withCreated } from './created.js';
import { isSecretName, rootFallback, secretCoverFindings, type FallbackTree } from './secrets.js';
import { linkOutFindings } from './link-cover.js';
import { lowerBound } from './sorted.js';

export interface PolicyInput {
  graph: Graph;
  /** The facts to fold with; for a range, those that hold on all of it (node-versions/range.ts). */
  facts: NodeVersionFacts;
  /** Every release (or stretch of a range) the policy must work on, for the target findings. Default: `facts` alone. */
  spans?: readonly VersionSpan[];
  root: string;
  host: Host;
  /** Paths a string-prefix grant made for a folder may not cover (home); the root is added. Default: none. */
  prefixMustNotCover?: readonly string[];
  /** Extra grants from --read / --write, absolute. */
  read: string[];
  write: string[];
  /** What `generate-flags verify --write` observed (package.json permissionPolicy.observed). Default: none. */
  observed?: readonly ObservedGrant[];
}

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
  // Lists of every draft are made at their length: grown by push, each left its smaller copies
  // (large objects on 20,000-file apps, collected only by a full collection) behind.
  const sorted = listOf(drafts.size, drafts.keys()).sort();
  const hasPathUnder = (folder: string): boolean => {
    const prefix = folder + '/';
    const lo = lowerBound(sorted, prefix);
    return lo < sorted.length && sorted[lo]!.startsWith(prefix);
  };
  for (const d of drafts.values()) {
    if (!d.subtree && !d.wildcard && d.path !== '/' && ((!d.userExact && host.kind(d.path) === 'dir') || hasPathUnder(d.path))) d.subtree = true;
  }
  const all = listOf(drafts.size, drafts.values()).sort(
    (a, b) => a.path.length - b.path.length || Number(Boolean(b.wildcard)) - Number(Boolean(a.wildcard)) || a.path.localeCompare(b.path),
  );
  // String-prefix grants are few (mkdtemp prefixes, `<dir>/name-` + id): a scan is enough.
  const keptWildcards: Draft[] = [];
  const kept: Draft[] = [];
  const keptFolders = new Map<string, Draft>();
  // The lengths of the kept folders' paths: a folder above `p` is looked up only where one of
  // that length is kept, since each lookup slices `p` (a string per folder above every grant,
  // most of what minimise allocated on 20,000-file apps).
  const keptLengths = new Set<number>();
  // The shortest kept folder grant that covers `p`: `/`, else the folders above it, top down.
  const coverOf = (p: string): Draft | undefined => {
    const root = keptFolders.get('/') ?? keptFolders.get('*');
    if (root) return root;
    for (const w of keptWildcards) if (p.startsWith(w.path)) return w;
    for (let i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) {
      const folder = keptLengths.has(i) ? keptFolders.get(p.slice(0, i)) : undefined;
      if (folder) return folder;
    }
    return undefined;
  };
  // The drafts are this fold's own (each with an evidence list of its own, made by `add`), so a
  // kept one takes the evidence of those it covers in place: a copy of each was as many objects
  // again as there are grants, at the analysis's highest memory.
  for (const d of all) {
    const cover = coverOf(d.path);
    if (cover) cover.evidence.push(...d.evidence);
    else {
      kept.push(d);
      if (d.subtree) {
        keptFolders.set(d.path, d);
        keptLengths.add(d.path.length);
      }
      if (d.wildcard) keptWildcards.push(d);
    }
  }
  return kept.sort((a, b) => a.path.localeCompare(b.path));
}

/** The first `length` items of `items` in an array made at that length. */
function listOf<T>(length: number, items: Iterable<T>): T[] {
  const out = new Array<T>(length);
  let i = 0;
  for (const item of items) if (i < length) out[i++] = item;
  return out;
}

/**
 * The list without the entries identical to an earlier one (the same JSON), in the order of
 * first appearance. A site met again adds nothing to what the grant says: a module required
 * again from the same call, a call replayed for another caller, grants merged into a folder
 * (this repository's own report repeated 2,846 of its 3,773 entries).
 */
export function distinctEvidence(list: Evidence[]): Evidence[] {
  if (list.length < 2) return list;
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = JSON.stringify(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A folder grant is written `<dir>/*`: for an existing folder that is the same as `<dir>`, and
 * for one that does not exist yet at launch it is the only form that covers the subtree
 * (docs/node-facts.md#grant-paths). Writing it one way keeps the output the same whether or not the folder exists on
 * the machine that ran the analysis.
 */
const emitted = nodeKey;

/** `file:line:column` as a Site (the form observations keep); anything else is left out. */
function siteOf(text: string): Site | undefined {
  const m = /^(.*):(\d+):(\d+)$/.exec(text);
  return m ? { file: m[1]!, line: Number(m[2]), column: Number(m[3]) } : undefined;
}

/** Grants for what `verify --write` observed, each with its run as evidence (reason `observed`). */
function addObserved(
  observed: readonly ObservedGrant[],
  add: (scope: 'read' | 'write', p: string, subtree: boolean, evidence: Evidence[]) => void,
  booleans: Record<string, BooleanGrant>,
  host: Host,
): void {
  for (const o of observed) {
    const site = o.evidence.site !== undefined ? siteOf(o.evidence.site) : undefined;
    const evidence: Evidence = { reason: 'observed', package: o.evidence.package ?? '.', detail: observedDetail(o), ...(site ? { site } : {}) };
    if (o.absolute !== undefined) {
      const folder = o.absolute.endsWith('/*');
      const p = folder ? o.absolute.slice(0, -2) : o.absolute;
      add(o.capability === 'fs.write' ? 'write' : 'read', p, folder || p === '*' || host.kind(p) === 'dir', [evidence]);
    } else if (o.capability !== 'fs.read' && o.capability !== 'fs.write') {
      const grant = booleans[capabilityInfo(o.capability).policyKey];
      grant.granted = true;
      grant.evidence.push(evidence);
    }
  }
}

/**
 * The project's folders as the secret searches see them (secrets.ts). An entry whose real path is
 * outside the folder searched (by default the project) is a link out: it would open what it
 * points to, since Node checks the path as given (docs/node-facts.md#grant-paths).
 */
function treeOf(host: Host, root: string): FallbackTree {
  const linksOut = (p: string, within = root) => {
    const realWithin = host.realpath(within);
    const real = host.realpath(p);
    return real !== realWithin && !real.startsWith(realWithin === '/' ? '/' : `${realWithin}/`);
  };
  return { isDir: (p) => host.kind(p) === 'dir', list: (dir) => host.list?.(dir), linksOut, realpath: (p) => host.realpath(p) };
}

type AddGrant = (scope: 'read' | 'write', p: string, subtree: boolean, evidence: Evidence[], wildcard?: boolean) => void;

/**
 * The `--unresolved project` fallback: the project root's entries for each scope with an
 * unresolved access, less the secret ones (and, for writes, those that hold code), each with
 * every unresolved site as evidence (secrets.ts). Returns what it left out, and for each scope it
 * granted entry by entry rather than whole, a FALLBACK_ROOT_ENTRIES saying so.
 */
function addFallbacks(input: PolicyInput, add: AddGrant): { withheld: Withheld[]; diagnostics: Diagnostic[] } {
  const { graph, host, root } = input;
  const evidence = { read: [] as Evidence[], write: [] as Evidence[] };
  for (const u of graph.unresolved) {
    if (u.fallback === 'project') evidence[u.capability === 'fs.write' ? 'write' : 'read'].push({ reason: 'unresolved-fallback', site: u.site, api: u.api, package: u.package });
  }
  const loadedAtTop = new Set(graph.files.filter((f) => path.dirname(f.file) === root).map((f) => path.basename(f.file)));
  const why = {
    read: (name: string) => (isSecretName(name) ? ('secret' as const) : undefined),
    write: (name: string) => (isSecretName(name) ? ('secret' as const) : isCodeName(name) || loadedAtTop.has(name) ? ('code' as const) : undefined),
  };
  const withheld: Withheld[] = [];
  const diagnostics: Diagnostic[] = [];
  // Entries the app makes at run time that a resolved write names are listed beside those on disk (created.ts).
  const created = evidence.read.length + evidence.write.length > 0 && host.list ? createdEntries(graph.needs, root, (p) => host.kind(p) !== undefined, isSecretName) : new Set<string>();
  const tree = withCreated(treeOf(host, root), created);
  for (const scope of ['read', 'write'] as const) {
    if (evidence[scope].length === 0) continue;
    const plan = rootFallback(root, host.list ? tree.list(root) : undefined, tree, why[scope]);
    for (const g of plan.grants) add(scope, g.path, g.subtree, evidence[scope], g.wildcard ?? false);
    withheld.push(...plan.withheld.map((w) => ({ ...w, scope })));
    if (plan.grants.length === 1 && plan.grants[0]!.path === root) continue;
    const relative = (p: string) => path.relative(root, p);
    const granted = new Set(plan.grants.map((g) => g.path));
    const args = { scope, root, withheld: plan.withheld.map((w) => relative(w.path)), grants: plan.grants.length, created: [...created].filter((p) => granted.has(p)).map(relative).sort() };
    diagnostics.push(diagnostic('FALLBACK_ROOT_ENTRIES', 'warning', args));
  }
  return { withheld, diagnostics };
}

/**
 * A folder on disk named with a trailing slash (`os.homedir() + '/.ssh/'`) is the folder: it
 * becomes the folder grant `~/.ssh/*` (minimise), not `~/.ssh//*`, which Node reads the same
 * (measured on 20 to 26, holes-14). A path not on disk keeps its slash: what Node makes of
 * `/x/` for a folder made later was not measured.
 */
function withoutTrailingSlash(host: Host, p: string, wildcard: boolean): string {
  if (wildcard || p.length < 2 || !p.endsWith('/')) return p;
  const bare = p.replace(/\/+$/, '') || '/';
  return host.kind(bare) === 'dir' ? bare : p;
}

export function foldPolicy(input: PolicyInput): { policy: Policy; diagnostics: Diagnostic[] } {
  const { graph, facts, host, root } = input;
  const diagnostics: Diagnostic[] = [];
  const scopes = { read: new Map<string, Draft>(), write: new Map<string, Draft>() };
  // `owned`: the list is this fold's own (made for the call), so a new draft takes it as it is.
  const add = (scope: 'read' | 'write', p: string, subtree: boolean, evidence: Evidence[], wildcard = false, owned = false) => {
    p = withoutTrailingSlash(host, p, wildcard);
    const key = wildcard ? `${p}*` : p;
    const usedItself = evidence.some((e) => e.reason !== 'type-module');
    const existing = scopes[scope].get(key);
    if (existing) {
      existing.subtree ||= subtree;
      existing.usedItself ||= usedItself;
      existing.evidence.push(...evidence);
    } else scopes[scope].set(key, { path: p, subtree, ...(wildcard ? { wildcard } : {}), usedItself, evidence: owned ? evidence : [...evidence] });
  };

  const folderGrants = new Set<string>();
  for (const f of graph.files) {
    if (f.format === 'addon') continue; // dlopen is not fs-checked (docs/node-facts.md#addons)
    // Where Node detects module syntax, a file with import/export runs as ESM whether or not it
    // can read "type"; only the other files need the folder (measured on 20.20, 22, 24, 26).
    const needsType = f.scope?.typeModule && followsPackageType(f.file) && !(facts.syntaxDetection && f.moduleSyntax);
    const typeModuleFolder = needsType ? f.scope!.dir : undefined;
    if (typeModuleFolder) {
      const detail = '"type": "module" is ignored unless the folder holding package.json is readable';
      add('read', typeModuleFolder, true, f.loadedBy.map((e) => ({ ...e, reason: 'type-module' as const, detail })), false, true);
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

  const booleans = Object.fromEntries(booleanCapabilities.map((c) => [c.policyKey, { granted: false, evidence: [] as Evidence[] }])) as Record<BooleanPolicyKey, BooleanGrant>;
  for (const need of graph.needs) {
    if (need.onlyIfMissing && need.path && host.kind(need.path) !== undefined) continue;
    // Built key by key (the same order as before): spreading `{ via }` or `{}` made two objects
    // more per need, 60,000 needs on the generated 20,000-module tree.
    const evidence: Evidence = { reason: need.model ? 'model' : 'api', site: need.site, api: need.api, package: need.package };
    if (need.via) evidence.via = need.via;
    if (need.model) evidence.detail = need.model;
    if (need.capability === 'fs.read' || need.capability === 'fs.write') {
      add(need.capability === 'fs.read' ? 'read' : 'write', need.path!, need.subtree ?? false, [evidence], need.wildcard ?? false, true);
    } else {
      const grant = booleans[capabilityInfo(need.capability).policyKey];
      grant.granted = true;
      grant.evidence.push(evidence);
    }
  }

  const fallback = addFallbacks(input, add);
  const withheld = fallback.withheld;
  diagnostics.push(...fallback.diagnostics);
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

  addObserved(input.observed ?? [], add, booleans, host);

  const toGrants = (scope: 'read' | 'write'): PathGrant[] => {
    const kept = minimise(host, scopes[scope]);
    // The drafts the kept ones absorbed go now, not when the fold returns.
    scopes[scope].clear();
    const separated = separateNameExtensions(kept, scope, ['/', root, ...(input.prefixMustNotCover ?? [])]);
    diagnostics.push(...separated.diagnostics);
    return separated.drafts.map((d) => ({ path: emitted(d), evidence: distinctEvidence(d.evidence) }));
  };
  for (const grant of Object.values(booleans)) grant.evidence = distinctEvidence(grant.evidence);
  const policy: Policy = { fsRead: toGrants('read'), fsWrite: toGrants('write'), ...(withheld.length > 0 ? { withheld } : {}), ...booleans };
  const rootNames = host.list?.(root);
  const tree = host.list ? treeOf(host, root) : undefined;
  diagnostics.push(...secretCoverFindings(policy.fsRead, root, rootNames, tree), ...secretCoverFindings(policy.fsWrite, root, rootNames, tree, 'write'));
  if (host.list) {
    const links = { list: (dir: string) => host.list!(dir), realpath: (p: string) => host.realpath(p) };
    diagnostics.push(...linkOutFindings(policy.fsRead, 'read', links, root), ...linkOutFindings(policy.fsWrite, 'write', links, root));
  }
  diagnostics.push(...codeCoverFindings(policy.fsWrite, root, graph.files.map((f) => f.file), (p) => host.kind(p) !== undefined));
  diagnostics.push(...targetFindings(policy, input.spans ?? [{ major: facts.major, from: facts.testedVersion, range: facts.testedVersion, label: String(facts.major), facts }]));
  // Node 20's cpSync stats every ancestor of the destination (docs/node-facts.md#fs-apis, #version-defects): warn, do not grant '/'.
  if ((input.spans ?? [{ major: facts.major }]).some((span) => span.major === 20)) {
    for (const need of graph.needs) {
      if (need.api !== 'fs.cpSync' || need.capability !== 'fs.write') continue;
      diagnostics.push(diagnostic('FS_NEEDS_ANCESTOR_READ', 'warning', { api: 'fs.cpSync on Node 20', path: need.path ?? 'its destination' }, need.site));
    }
  }
  return { policy, diagnostics };
}

