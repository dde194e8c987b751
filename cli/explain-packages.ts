// The capability inventory: which package (the app or a dependency) needs which capability and
// which paths, from the report's needs, unresolved accesses and loaded files. Shown as a table
// by --explain and in full by `generate-flags packages`.

import type { Capability, Report, Site } from '../lib/index.js';
import { columns, count, type Style } from './explain-style.js';
import type { SourceLines } from './explain-source.js';

export interface PackageUse {
  /** "." for the app. */
  name: string;
  /** Project-relative files of this package that the analysis reached. */
  files: string[];
  /** Paths per fs scope, each with the sites that need it. */
  paths: Record<'fs.read' | 'fs.write', Map<string, { subtree: boolean; sites: { site: Site; api: string }[] }>>;
  /** Other capabilities, each with the sites that need it. */
  capabilities: Map<Exclude<Capability, 'fs.read' | 'fs.write'>, { site: Site; api: string }[]>;
  unresolved: number;
}

/** "(app)" cannot clash with a package name: npm names have no parentheses. */
export function packageLabel(name: string): string {
  return name === '.' ? '(app)' : name;
}

/** A path as the views show it: `./…` inside the project root, else absolute. */
export function shownPath(root: string, p: string): string {
  return p === root ? '.' : p.startsWith(root + '/') ? `./${p.slice(root.length + 1)}` : p;
}

/**
 * The package a project-relative file belongs to, named like the report's `package` fields (the
 * graph's packageOf does the same on absolute paths, but is not part of the public API).
 */
function packageOfFile(file: string): string {
  const parts = file.split('/');
  const i = parts.lastIndexOf('node_modules');
  if (i < 0 || i + 1 >= parts.length) return '.';
  const first = parts[i + 1]!;
  return first.startsWith('@') && parts[i + 2] ? `${first}/${parts[i + 2]}` : first;
}

function packageInventory(report: Report): PackageUse[] {
  const byName = new Map<string, PackageUse>();
  const use = (name: string): PackageUse => {
    let entry = byName.get(name);
    if (!entry) {
      entry = { name, files: [], paths: { 'fs.read': new Map(), 'fs.write': new Map() }, capabilities: new Map(), unresolved: 0 };
      byName.set(name, entry);
    }
    return entry;
  };
  use('.');
  for (const file of report.project.files) use(packageOfFile(file)).files.push(file);
  for (const need of report.needs) {
    const entry = use(need.package);
    const at = { site: need.site, api: need.api };
    if (need.capability === 'fs.read' || need.capability === 'fs.write') {
      const paths = entry.paths[need.capability];
      const key = need.path ?? '?';
      const p = paths.get(key) ?? { subtree: false, sites: [] };
      p.subtree ||= need.subtree ?? false;
      p.sites.push(at);
      paths.set(key, p);
    } else {
      entry.capabilities.set(need.capability, [...(entry.capabilities.get(need.capability) ?? []), at]);
    }
  }
  for (const u of report.unresolved) use(u.package).unresolved++;
  // The app first, then dependencies by name.
  return [...byName.values()].sort((a, b) => (a.name === '.' ? -1 : b.name === '.' ? 1 : a.name.localeCompare(b.name)));
}

function capabilityCell(p: PackageUse, style: Style): string {
  const parts: string[] = [];
  for (const scope of ['fs.read', 'fs.write'] as const) {
    if (p.paths[scope].size > 0) parts.push(`${scope} ${style.dim(`(${count(p.paths[scope].size, 'path')})`)}`);
  }
  parts.push(...[...p.capabilities.keys()].sort().map((c) => style.bold(c)));
  return parts.length > 0 ? parts.join(', ') : style.dim('code only');
}

/** One line per package: files loaded, capabilities (with path counts), unresolved accesses. */
export function renderPackageTable(report: Report, style: Style): string[] {
  const rows = [[style.dim('package'), style.dim('files'), style.dim('unresolved'), style.dim('needs')]];
  for (const p of packageInventory(report)) {
    rows.push([packageLabel(p.name), String(p.files.length), p.unresolved > 0 ? style.yellow(String(p.unresolved)) : style.dim('0'), capabilityCell(p, style)]);
  }
  return columns(rows, '  ');
}

function siteRows(sites: { site: Site; api: string }[], source: SourceLines, style: Style, indent: string): string[] {
  const out: string[] = [];
  const rows = sites.map(({ site, api }) => [`${site.file}:${site.line}:${site.column}`, api]);
  columns(rows, indent).forEach((line, i) => {
    out.push(line);
    const text = source.at(sites[i]!.site);
    if (text) out.push(`${indent}    ${style.dim(text)}`);
  });
  return out;
}

/** Each package in full: every path and capability it needs, with the sites and source lines. */
export function renderPackages(report: Report, style: Style, source: SourceLines): string {
  const out: string[] = [...renderPackageTable(report, style), ''];
  for (const p of packageInventory(report)) {
    const empty = p.paths['fs.read'].size + p.paths['fs.write'].size + p.capabilities.size === 0;
    out.push(`${style.bold(packageLabel(p.name))} ${style.dim(`(${count(p.files.length, 'file')}${p.unresolved ? `, ${count(p.unresolved, 'unresolved access', 'unresolved accesses')}` : ''})`)}`);
    if (empty) out.push(style.dim('  needs nothing beyond reading its own code'));
    for (const scope of ['fs.read', 'fs.write'] as const) {
      for (const [target, { subtree, sites }] of [...p.paths[scope]].sort(([a], [b]) => a.localeCompare(b))) {
        out.push(`  ${style.cyan(scope)} ${shownPath(report.project.root, target)}${subtree ? style.dim(' (and everything below)') : ''}`);
        out.push(...siteRows(sites, source, style, '      '));
      }
    }
    for (const [capability, sites] of [...p.capabilities].sort(([a], [b]) => a.localeCompare(b))) {
      out.push(`  ${style.cyan(capability)}`);
      out.push(...siteRows(sites, source, style, '      '));
    }
    out.push('');
  }
  return out.join('\n');
}
