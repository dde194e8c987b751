// Where models stand in for what the analysis could not resolve: the modelled packages' own
// unresolved accesses, those of the private helpers a model names (`standsInFor`), and grants of
// the project root, home or disk root a modelled package made itself. Run once, after the graph.

import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import type { Evidence, Need, PackageName, Unresolved } from '../types.js';
import type { PackageModel } from './format.js';

/** The parts of the module graph covering reads and rewrites. */
export interface Coverable {
  files: { package: PackageName; isEntry: boolean; loadedBy: Evidence[] }[];
  needs: Need[];
  unresolved: Unresolved[];
  diagnostics: Diagnostic[];
}

/**
 * A model stands in for the package it describes: that package's own accesses the analysis
 * could not resolve are dropped (no fallback grant), and one MODEL_APPLIED note says how many
 * (only those of the files its `coversFiles` names, when it names some).
 * It also stands in for the packages its `standsInFor` names, as long as nothing else loads
 * them: a package loaded by the app or by an unmodelled package keeps its unresolved accesses.
 */
export function coverWithModels(
  graph: Coverable,
  modelled: ReadonlyMap<PackageName, PackageModel>,
  packageOfFile: (relative: string) => PackageName,
  wholeFolder: (need: Need) => boolean,
): void {
  if (modelled.size === 0) return;
  const covering = new Map<PackageName, string>();
  for (const [pkg, model] of modelled) covering.set(pkg, model.source ?? model.package);
  for (const [pkg, model] of standsInFor(graph, modelled)) covering.set(pkg, model.source ?? model.package);
  // A model with `coversFiles` stands in for those files of its package only.
  const covers = (pkg: PackageName, file: string | undefined) => covering.has(pkg) && coversFile(modelled.get(pkg), pkg, file);
  const counts = new Map<PackageName, number>();
  const count = (pkg: PackageName) => counts.set(pkg, (counts.get(pkg) ?? 0) + 1);
  graph.unresolved = graph.unresolved.filter((u) => {
    if (!covers(u.package, u.site.file)) return true;
    count(u.package);
    return false;
  });
  // A folder no prefix may widen to (the project root, home, the disk root), which the package
  // names itself (cross-spawn's `process.chdir(process.cwd())`, run on Windows only): Node would
  // grant it whole, so the model, which describes what the package needs, stands in for it too.
  graph.needs = graph.needs.filter((n) => {
    if (n.model || !covers(n.package, n.site?.file) || !wholeFolder(n)) return true;
    count(n.package);
    return false;
  });
  const codes = new Set(['FS_PATH_UNKNOWN', 'IMPORT_DYNAMIC', 'CODE_GENERATED', 'MODULE_LOADER_ESCAPED', 'EXPORTS_ESCAPED', 'CAPABILITY_FUNCTION_ESCAPED']);
  graph.diagnostics = graph.diagnostics.filter((d) => !(codes.has(d.code) && d.site && covers(packageOfFile(d.site.file), d.site.file)));
  for (const [pkg, model] of covering) graph.diagnostics.push(diagnostic('MODEL_APPLIED', 'info', { package: pkg, model, covers: counts.get(pkg) ?? 0 }));
}

/**
 * Whether `model` (of `pkg`, or none for a package stood in for by another's model) stands in for
 * what `file` (project-relative) could not resolve: every file of the package, or the ones its
 * `coversFiles` names.
 */
export function coversFile(model: PackageModel | undefined, pkg: PackageName, file: string | undefined): boolean {
  if (!model?.coversFiles) return true;
  if (file === undefined) return false;
  const marker = `node_modules/${pkg}/`;
  const at = file.lastIndexOf(marker);
  const inPackage = at < 0 ? file : file.slice(at + marker.length);
  return model.coversFiles.some((f) => (f.endsWith('/') ? inPackage.startsWith(f) : inPackage === f));
}

/**
 * The packages models stand in for (`standsInFor`), each with the model that does: a package is
 * stood in for when a model names it and every other package that loads it is either modelled
 * with a model naming it or stood in for itself (which → isexe behind cross-spawn).
 */
function standsInFor(graph: Coverable, modelled: ReadonlyMap<PackageName, PackageModel>): Map<PackageName, PackageModel> {
  const loaders = new Map<PackageName, Set<PackageName>>();
  for (const f of graph.files) {
    if (f.package === '.') continue;
    const set = loaders.get(f.package) ?? new Set();
    for (const e of f.loadedBy) if (e.package !== f.package) set.add(e.package);
    if (f.isEntry) set.add('.');
    loaders.set(f.package, set);
  }
  const namedBy = (pkg: PackageName) => [...modelled.values()].find((m) => m.standsInFor?.includes(pkg));
  const out = new Map<PackageName, PackageModel>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const [pkg, by] of loaders) {
      const model = namedBy(pkg);
      if (out.has(pkg) || modelled.has(pkg) || !model || by.size === 0) continue;
      const covered = [...by].every((l) => (modelled.get(l)?.standsInFor?.includes(pkg) ?? false) || out.has(l));
      if (covered) {
        out.set(pkg, model);
        changed = true;
      }
    }
  }
  return out;
}
