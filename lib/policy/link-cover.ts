// Folder grants that open more than the folder through a link in it. Node checks an access on
// the path as given, never on the target of a link (docs/node-facts.md#grant-paths): with
// `<app>/public/*` granted, `public/disk -> /` lets the app read `public/disk/etc/shadow`, and
// `public/up -> ..` the project's `.env`. Only the folder's own entries are looked at, one
// listing per folder grant that code or an option asked for; links deeper down are not.
// A grant in the project whose own path goes through a link out of it (`tools -> /usr/bin`,
// granted because fs.realpathSync reads the link) opens the target the same way: that link is
// reported instead of the target folder's entries, which are not the project's.

import * as path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import type { PathGrant } from '../types.js';
import { askingSites } from './secrets.js';

export interface LinkHost {
  list(dir: string): string[] | undefined;
  realpath(p: string): string;
}

/** FOLDER_GRANT_LINKS_OUT for each link in a granted folder whose target lies outside that folder, and for a grant in `root` reached through a link out of it. */
export function linkOutFindings(grants: readonly PathGrant[], scope: 'read' | 'write', host: LinkHost, root: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const grant of grants) {
    if (grant.path === '/*' || grant.path === '*') continue;
    const sites = askingSites(grant);
    if (sites.length === 0) continue;
    const own = grant.path.endsWith('/*') ? grant.path.slice(0, -2) : grant.path;
    const through = linkOutOfRoot(own, root, host);
    if (through) {
      for (const { from, site } of sites) out.push(diagnostic('FOLDER_GRANT_LINKS_OUT', 'warning', { grant: grant.path, scope, link: through, target: host.realpath(own), from }, site));
      continue;
    }
    if (!grant.path.endsWith('/*')) continue;
    const folder = own;
    const real = host.realpath(folder);
    for (const name of (host.list(folder) ?? []).sort()) {
      const link = path.join(folder, name);
      // An entry that is not a link is its folder's real path and its name.
      const target = host.realpath(link);
      if (target === path.join(real, name) || target === real || target.startsWith(real === '/' ? '/' : `${real}/`)) continue;
      for (const { from, site } of sites) out.push(diagnostic('FOLDER_GRANT_LINKS_OUT', 'warning', { grant: grant.path, scope, link, target, from }, site));
    }
  }
  return out;
}

/**
 * The first link on the way from `root` down to `p` whose real path lies outside the project's
 * real root (`<app>/tools` for `<app>/tools/x`, `tools -> /usr/bin`); undefined when `p` is not
 * below the root or no link on its way leads out. A link to the project itself or below it is not
 * one: the grant then opens only the project's own files, judged as such elsewhere.
 */
function linkOutOfRoot(p: string, root: string, host: LinkHost): string | undefined {
  if (!p.startsWith(`${root}/`)) return undefined;
  const realRoot = host.realpath(root);
  const inside = (real: string) => real === realRoot || real.startsWith(realRoot === '/' ? '/' : `${realRoot}/`);
  if (inside(host.realpath(p))) return undefined;
  let at = root;
  for (const part of p.slice(root.length + 1).split('/')) {
    at = path.join(at, part);
    if (!inside(host.realpath(at))) return at;
  }
  return undefined;
}
