// Folder grants that open more than the folder through a link in it. Node checks an access on
// the path as given, never on the target of a link (docs/node-facts.md#grant-paths): with
// `<app>/public/*` granted, `public/disk -> /` lets the app read `public/disk/etc/shadow`, and
// `public/up -> ..` the project's `.env`. Only the folder's own entries are looked at, one
// listing per folder grant that code or an option asked for; links deeper down are not.

import * as path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import type { PathGrant } from '../types.js';
import { askingSites } from './secrets.js';

export interface LinkHost {
  list(dir: string): string[] | undefined;
  realpath(p: string): string;
}

/** FOLDER_GRANT_LINKS_OUT for each link in a granted folder whose target lies outside that folder. */
export function linkOutFindings(grants: readonly PathGrant[], scope: 'read' | 'write', host: LinkHost): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const grant of grants) {
    if (!grant.path.endsWith('/*') || grant.path === '/*') continue;
    const sites = askingSites(grant);
    if (sites.length === 0) continue;
    const folder = grant.path.slice(0, -2);
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
