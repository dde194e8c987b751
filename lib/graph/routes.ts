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

function sameSite(a: Site | undefined, b: Site | undefined): boolean {
  return a?.file === b?.file && a?.line === b?.line && a?.column === b?.column;
}

function sameRoute(a: UnresolvedRoute, b: UnresolvedRoute): boolean {
  const av = a.via ?? [];
  const bv = b.via ?? [];
  return sameSite(a.origin, b.origin) && av.length === bv.length && av.every((s, i) => sameSite(s, bv[i]));
}

/** The unresolved accesses, each access once, the first route on the entry itself and every route in `routes`. */
export function mergeUnresolved(list: readonly Unresolved[]): Unresolved[] {
  const byKey = new Map<string, Unresolved>();
  const out: Unresolved[] = [];
  for (const u of list) {
    const key = accessKey(u);
    const first = byKey.get(key);
    if (!first) {
      const copy = { ...u };
      byKey.set(key, copy);
      out.push(copy);
      continue;
    }
    const routes = first.routes ?? [routeOf(first)];
    const route = routeOf(u);
    if (!routes.some((r) => sameRoute(r, route))) routes.push(route);
    if (routes.length > 1) first.routes = routes;
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
