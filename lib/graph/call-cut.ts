// What is said at a call into another module that matching followed no further (a re-export
// chain or a nesting of calls longer than its bound, lib/graph/match-calls.ts). The bound stays,
// so hostile input cannot exhaust the analysis; giving up is reported at the call, never silent.

import { emptyFindings, type Findings, type PendingCall } from '../detect/index.js';
import { diagnostic, type CallBound } from '../diagnostics/index.js';
import type { UnresolvedMode } from '../types.js';

/**
 * The call as an unresolved module access (what the code it reaches does, reads or loads is not
 * known): the read fallback applies and `--unresolved error` exits 1, as for other code the
 * analysis cannot see.
 */
export function callCut(call: PendingCall, bound: CallBound, limit: number, fallback: UnresolvedMode): Findings {
  const found = emptyFindings();
  const name = call.path.join('.');
  const api = name ? `${call.specifier}.${name}` : call.specifier;
  found.unresolved.push({ capability: 'module', site: call.site, api, package: call.package, reason: bound === 'fold-depth' ? 'depth-limit' : bound === 'rewritten' ? 'export-rewritten' : 'flow-bound', ...(call.via.length > 1 ? { via: call.via.slice(0, -1) } : {}), fallback });
  found.diagnostics.push(diagnostic('CALL_NOT_FOLLOWED', fallback === 'error' ? 'error' : 'warning', { specifier: call.specifier, name, bound, limit, fallback }, call.site));
  return found;
}
