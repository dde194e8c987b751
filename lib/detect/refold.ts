// A callee cut by the file's evaluation fuel (EvalState.fuel), folded again with fuel of its own.
// Once a large file has spent its fuel every later value is cut, whatever it is, and each call of a
// name was CALL_NOT_FOLLOWED (./fold-cut.ts): 520 in this repository's own lib/evaluate/index.ts,
// calls of its own functions and imports. A callee's value is cheap (a declaration, an import, a
// member of one), so it gets fuel of its own, and the call is then examined as any call is:
// dispatched, matched or passed over by what it calls. Its arguments stay cut, so a capability it
// reaches is reported at its sink (`depth-limit`). A fold that is deep in itself (the depth bound,
// not the fuel) is not folded again: it would be cut the same way, and stays reported.
// Its own module: ./fold-cut.ts reports into Findings, and ./export-escape.ts (which
// ./context.ts names) asks this too.

import type { Node } from 'acorn';
import { evaluate, type EvalEnv, type Frame, type Value } from '../evaluate/index.js';

/** Evaluation steps a cut callee is folded again with. */
const REFOLD_FUEL = 2_000;

/** The callee folded again with fuel of its own when the file's fuel cut it; else `callee` as it is. */
export function refoldedCallee(callee: Value, node: Node, frame: Frame, env: EvalEnv): Value {
  if (callee.k !== 'unknown' || callee.reason !== 'depth-limit' || !env.state || env.state.fuel.left >= 0) return callee;
  return evaluate(node, frame, { ...env, state: { ...env.state, fuel: { left: REFOLD_FUEL } } });
}
