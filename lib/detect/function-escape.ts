// A capability module's function kept as a value in an object literal (`{ spawn: cp.spawn }`,
// zx's defaults; `dual({ sync: fs.readFileSync })`, @quansync/fs's): whoever holds the object
// may call it anywhere, through a parameter or a merge the analysis cannot fold, and such a call
// names no capability. The parse stage lists the candidates (lib/parse/scope-walk.ts
// functionEscape; an object that is the module's exports is left out, its functions are
// followed through the export table); each that evaluates to an fs or child_process function
// is reported where it is kept (CAPABILITY_FUNCTION_ESCAPED), an fs one also as an unresolved
// access of each scope the function may need (reason `function-escaped`, so the --unresolved
// fallback applies). A function handed straight to a call (`promisify(fs.readFile)`,
// `retryify(fs.writeFileSync)`) is the wrappers' shape, which the flow follows: not reported.

import { diagnostic } from '../diagnostics/index.js';
import { evaluate, siteOf, type Value } from '../evaluate/index.js';
import type { FileModel } from '../parse/index.js';
import type { PackageName } from '../types.js';
import type { CallerContext } from './callers.js';
import type { DetectSink } from './context.js';
import { fsScopesOf } from './fs.js';

const childProcessFunctions = new Set(['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']);

/** The API (`fs.readFileSync`, `child_process.spawn`) a value is when it is a capability function the report must name. */
function capabilityFunction(v: Value): { module: 'fs' | 'child_process'; api: string } | undefined {
  if (v.k !== 'builtin') return undefined;
  const api = [v.module, ...v.path].join('.');
  if (v.module === 'child_process' && v.path.length === 1 && childProcessFunctions.has(v.path[0]!)) return { module: 'child_process', api };
  if (v.module === 'fs' && fsScopesOf(api)?.length) return { module: 'fs', api };
  return undefined;
}

/** Reports each capability function this file keeps in an object literal. */
export function functionEscapes(model: FileModel, ctx: CallerContext, sink: DetectSink, pkg: PackageName): void {
  const frame = { model, depth: 0 };
  for (const e of model.functionEscapes ?? []) {
    const found = capabilityFunction(evaluate(e.node, frame, ctx.env));
    if (!found) continue;
    const site = siteOf(frame, ctx.env, e.node);
    const scopes = found.module === 'fs' ? fsScopesOf(found.api)! : [];
    // Under --unresolved error an escape is an error, as CAPABILITY_ESCAPED is (./capability-escape.ts).
    const modes = found.module === 'fs' ? scopes : (['read', 'write'] as const);
    const severity = modes.some((s) => sink.fallbackFor(s) === 'error') ? 'error' : 'warning';
    sink.diagnostic(diagnostic('CAPABILITY_FUNCTION_ESCAPED', severity, { module: found.module, api: found.api }, site));
    for (const scope of scopes) {
      sink.unresolved({ capability: scope === 'read' ? 'fs.read' : 'fs.write', site, api: found.api, package: pkg, reason: 'function-escaped', fallback: sink.fallbackFor(scope) });
    }
  }
}
