// Escapes: a call on a capability module's `*` member (lib/evaluate/capability-copy.ts), that
// is `fs[k](…)` with a key known only at run time, or a method a wrapper added to a copy of the
// module (`readFileAsync`). The call could be any of the module's calls, so it is reported at
// its site: for fs as an unresolved read and write (the --unresolved fallback applies), for
// the other modules as CAPABILITY_ESCAPED (their capability is not granted).

import { diagnostic } from '../diagnostics/index.js';
import { ANY_MEMBER } from '../evaluate/capability-copy.js';
import type { Detector, Handler } from './context.js';
import type { UnresolvedMode } from '../types.js';

/** The modules (and fs.promises) a `*` member is reported for: every capability module. */
const modules = ['fs', 'fs.promises', 'child_process', 'worker_threads', 'net', 'dgram', 'http', 'https', 'http2', 'tls', 'inspector', 'wasi', 'module'];

const worst = (a: UnresolvedMode, b: UnresolvedMode): UnresolvedMode => (a === 'error' || b === 'error' ? 'error' : a === 'project' || b === 'project' ? 'project' : 'warn');

function escaped(module: string): Handler {
  return (call, sink) => {
    const fallback = worst(sink.fallbackFor('read'), sink.fallbackFor('write'));
    sink.diagnostic(diagnostic('CAPABILITY_ESCAPED', fallback === 'error' ? 'error' : 'warning', { module, api: call.api, fallback }, call.site));
    if (module !== 'fs') return;
    for (const scope of ['read', 'write'] as const) {
      sink.unresolved({ capability: scope === 'read' ? 'fs.read' : 'fs.write', site: call.site, api: call.api, package: call.package, reason: 'capability-escaped', fallback: sink.fallbackFor(scope) });
    }
  };
}

export const capabilityEscapeDetector: Detector = {
  name: 'capability-escape',
  apis: Object.fromEntries(modules.map((m) => [`${m}.${ANY_MEMBER}`, escaped(m.split('.')[0]!)])),
};
