// Judges a report's path grants against what an app's code names: did the unresolved fallback
// grant the project (`--unresolved project`), and is any folder grant wider than a folder the code
// names? Pure functions of the report and the app's corpus.json, so they are unit-tested alone.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PathGrant } from '../../lib/types.js';
import type { Report } from '../../lib/report.js';

export interface GrantJudgement {
  /** Why the project fallback was needed (unresolved sites, its grant on the root); empty when it was not. */
  fallback: string[];
  /** Folder grants wider than the folders the code names, as shown to people, with the reasons of their evidence. */
  wide: string[];
  /** The folder grant with the fewest path segments, as shown, or null when every grant is a file. */
  widest: string | null;
}

/** A grant as people read it: relative to the app when inside it (`public/*`), else absolute. */
export function showGrant(grant: string, root: string): string {
  if (grant === root || grant === `${root}/*`) return grant === root ? '<app>' : '<app>/*';
  return grant.startsWith(root + '/') ? path.relative(root, grant) : grant;
}

/** The folder a grant covers whole, or null for a file grant. `isDir` tells a bare folder path. */
export function grantedFolder(grant: string, isDir: (p: string) => boolean): string | null {
  if (grant.endsWith('/*')) return grant.slice(0, -2) || '/';
  return isDir(grant) ? grant : null;
}

const inside = (dir: string, parent: string) => dir === parent || dir.startsWith(parent + '/');

/**
 * A package's own folder (`node_modules/x`, `node_modules/@s/x`) or something below it: Node
 * itself needs such grants (e.g. a `"type": "module"` package), and the code names the package.
 */
function withinAPackage(relative: string): boolean {
  const parts = relative.split('/');
  const last = parts.lastIndexOf('node_modules');
  if (last < 0) return false;
  const rest = parts.slice(last + 1);
  return rest.length >= (rest[0]?.startsWith('@') ? 2 : 1);
}

function isWide(dir: string, root: string, folders: string[]): boolean {
  if (!inside(dir, root) || dir === root) return true;
  const relative = path.relative(root, dir);
  if (withinAPackage(relative)) return false;
  return !folders.some((folder) => inside(dir, path.join(root, folder)));
}

export function judgeGrants(
  report: Report,
  folders: string[],
  isDir: (p: string) => boolean = (p) => fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false,
): GrantJudgement {
  const root = report.project.root;
  const fallback = report.unresolved
    .filter((u) => u.fallback === 'project')
    .map((u) => `${u.site.file}:${u.site.line} ${u.api} (${u.reason}${u.name ? ` ${u.name}` : ''})`);
  const grants = [...report.policy.fsRead, ...report.policy.fsWrite];
  const onRoot = (g: PathGrant) => g.path === root || g.path === `${root}/*`;
  // A root grant may also come from Node's own rules (a "type": "module" app's folder must be
  // readable): that one is a wide grant with its reason, not the fallback.
  if (grants.some((g) => onRoot(g) && g.evidence.some((e) => e.reason === 'unresolved-fallback'))) fallback.push('a grant on the project root');
  const wide: string[] = [];
  let widest: { shown: string; depth: number } | null = null;
  for (const grant of grants) {
    const dir = grantedFolder(grant.path, isDir);
    if (dir === null) continue;
    const shown = showGrant(grant.path, root);
    const reasons = [...new Set(grant.evidence.map((e) => e.reason))].join(', ');
    const described = reasons ? `${shown} (${reasons})` : shown;
    if (isWide(dir, root, folders) && !wide.includes(described)) wide.push(described);
    const depth = dir.split('/').length;
    if (!widest || depth < widest.depth) widest = { shown, depth };
  }
  return { fallback: [...new Set(fallback)], wide, widest: widest?.shown ?? null };
}
