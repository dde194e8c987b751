// Accesses of an API the target's Node does not have: every bin that turns the compile cache on
// tests `if (module.enableCompileCache)` first, and Node 20 has no such function (measured,
// lib/node-versions/generated/node-apis.ts `absent`), so the call, and its access, never happens
// there. Such needs, unresolved accesses and their diagnostics are left out for a target whose
// every release lacks the API; one release that has it keeps them.

import type { Diagnostic } from '../diagnostics/index.js';
import type { Graph } from '../graph/index.js';
import { absentOn } from '../node-versions/api-facts.js';
import type { VersionSpan } from '../node-versions/range.js';

export function withoutAbsentApis<G extends Pick<Graph, 'needs' | 'unresolved' | 'diagnostics'>>(graph: G, spans: readonly VersionSpan[]): G {
  const absent = (api: string | undefined): boolean => api !== undefined && spans.length > 0 && spans.every((s) => absentOn(s.major, api));
  if (!graph.needs.some((n) => absent(n.api)) && !graph.unresolved.some((u) => absent(u.api))) return graph;
  return {
    ...graph,
    needs: graph.needs.filter((n) => !absent(n.api)),
    unresolved: graph.unresolved.filter((u) => !absent(u.api)),
    diagnostics: graph.diagnostics.filter((d) => !absent(apiOf(d))),
  };
}

function apiOf(d: Diagnostic): string | undefined {
  const args = d.args as { api?: unknown };
  return typeof args.api === 'string' ? args.api : undefined;
}
