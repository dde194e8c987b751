// fs.realpathSync of a known path reads the symbolic links it meets on the way, each checked as
// a read of the link's own path, and nothing else (measured on 20.20.2, 22.23.3, 24.21.0 and
// 26.10.0: `realpathSync('<app>/store/current/data.txt')` with `current -> v1` is denied on
// `<app>/store/current` until it is readable, and a path with no link needs no grant). The
// detector cannot look at the disk, so it leaves a need marked `linksOnTheWay`; here each becomes
// a read of every link the analysed tree holds on that path, judged as a link the module loader
// reads (lib/graph/worklist.ts readOnTheWay): a link to the project root, home or the disk root
// would open all of it through the link, and is reported instead.

import { diagnostic } from '../diagnostics/index.js';
import type { Host } from '../host.js';
import type { Need } from '../types.js';
import type { Graph, GraphOptions } from './files.js';
import { linksOn } from './resolve.js';

export function realpathLinks(graph: Graph, host: Host, options: Pick<GraphOptions, 'tooBroad' | 'unresolved'>): void {
  if (!graph.needs.some((n) => n.linksOnTheWay)) return;
  const needs: Need[] = [];
  for (const need of graph.needs) {
    if (!need.linksOnTheWay || need.path === undefined) {
      needs.push(need);
      continue;
    }
    const { linksOnTheWay: _, ...read } = need;
    const { links, cut } = linksOn(host, need.path);
    for (const link of links) {
      const broad = options.tooBroad(link);
      if (!broad) needs.push({ ...read, path: link });
      else unresolvedLink(graph, need, link, 'realpath-link', options, broad);
    }
    // Links past MAX_LINKS_ON_PATH are not looked at: the first is reported, not left out in
    // silence (hostile-realpath-link-chain-past-bound).
    if (cut) unresolvedLink(graph, need, cut, 'link-limit', options);
  }
  graph.needs = needs;
}

/** A link realpath reads that is not granted: unresolved at the call, with the read fallback. */
function unresolvedLink(graph: Graph, need: Need, link: string, reason: 'realpath-link' | 'link-limit', options: Pick<GraphOptions, 'unresolved'>, broad?: NonNullable<ReturnType<GraphOptions['tooBroad']>>): void {
  const fallback = options.unresolved.read;
  const at = { site: need.site, api: need.api, package: need.package, ...(need.via ? { via: need.via } : {}) };
  graph.unresolved.push({ capability: 'fs.read', ...at, reason, name: link, ...(broad ? { broad } : {}), fallback });
  graph.diagnostics.push(diagnostic('FS_PATH_UNKNOWN', fallback === 'error' ? 'error' : 'warning', { api: need.api, scope: 'read', reason, name: link, fallback }, need.site));
}
