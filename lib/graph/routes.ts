/**
 * One report per site: the same access found along several routes (a sink a dependency reaches
 * from each of several escaped wrappers, `writePackage` and `updatePackage` both forwarding to
 * write-json-file) was listed once per route, with the same diagnostic repeated word for word.
 * Here such accesses become one, whose `routes` keeps every route's origin and trail, and a
 * diagnostic repeated word for word is kept once.
 */
import type { Diagnostic } from '../diagnostics/index.js';
import type { Site, Unresolved, UnresolvedRoute } from '../types.js';
import type { Graph } from './files.js';

/** What makes two unresolved accesses the same report: everything but where they were reached from. */
function accessKey(u: Unresolved): string {
  const { origin: _origin, via: _via, routes: _routes, ...access } = u;
  return JSON.stringify(access);
}

function routeOf(u: Unresolved): UnresolvedRoute {
  return { ...(u.origin ? { origin: u.origin } : {}), ...(u.via ? { via: u.via } : {}) };
}

const siteKey = (s: Site | undefined): string => (s ? `${s.file}:${s.line}:${s.column}` : '');

/** A route as a string: two routes are the same when their origins and trails are (a set of them keeps the merge linear). */
function routeKey(r: UnresolvedRoute): string {
  let key = siteKey(r.origin);
  for (const s of r.via ?? []) key += `>${siteKey(s)}`;
  return key;
}

/** The unresolved accesses, each access once, the first route on the entry itself and every route in `routes`. */
export function mergeUnresolved(list: readonly Unresolved[]): Unresolved[] {
  const byKey = new Map<string, { entry: Unresolved; routes: UnresolvedRoute[]; seen: Set<string> }>();
  const out: Unresolved[] = [];
  for (const u of list) {
    const key = accessKey(u);
    const first = byKey.get(key);
    if (!first) {
      const copy = { ...u };
      const routes = copy.routes ? [...copy.routes] : [routeOf(copy)];
      byKey.set(key, { entry: copy, routes, seen: new Set(routes.map(routeKey)) });
      out.push(copy);
      continue;
    }
    const route = routeOf(u);
    const rk = routeKey(route);
    if (first.seen.has(rk)) continue;
    first.seen.add(rk);
    first.routes.push(route);
    first.entry.routes = first.routes;
  }
  return out;
}

/** The diagnostics, each one said word for word more than once kept once (the first). */
export function uniqueDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = JSON.stringify([d.code, d.severity, d.site, d.args]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The graph with each unresolved access and each diagnostic once (see the file's comment). */
export function oneReportPerSite(graph: Graph): Graph {
  return { ...graph, unresolved: mergeUnresolved(graph.unresolved), diagnostics: uniqueDiagnostics(graph.diagnostics) };
}
