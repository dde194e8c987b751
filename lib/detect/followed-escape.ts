// Whether a capability function handed to a wrapper (`retryify(fs.writeFileSync)`,
// `wrap(fs.writeFileSync)`) is followed wherever it may be called, so that reporting it as
// escaped (CAPABILITY_FUNCTION_ESCAPED, ./function-escape.ts) would only add a false alarm and,
// under the default read fallback, a read of the project.
//
// How it is known. The evaluator folds a call of a forwarding factory (lib/evaluate/forwarding.ts:
// the function it returns, after its steps, calls the parameter with its own arguments as they
// came and calls it no other way) to the argument itself: `wrap(fs.writeFileSync)` IS
// fs.writeFileSync to every later evaluation, so a call of it is a sink with the call's own path.
// What is left is where the factory's result goes. It is followed when it is called through all
// its steps where it is made (`retryify(f)(t)(p)`), kept in a name every read of which is such a
// call (`const w = wrap(f); w(p)`). Written into the module's exports it stays reported: an
// importer may hand the export on as a value (`later(lib.save, p)`), and such a call of an
// exported fs function is not followed. forwarding.ts folds only a factory that names the parameter in such
// forwarding calls alone (`handsOn`): one that also stores it, returns it or calls it with other
// arguments may hand it anywhere, and is not folded, so its escape stays reported. For another
// module's export the graph answers from its export table (`forwardingOf`). Anything else (handed to another call, kept in `this.x`, a name read as a value) stays reported.

import type { AnyNode, CallExpression, NewExpression, Node } from 'acorn';
import { forwardingIn } from '../evaluate/forwarding.js';
import type { EvalEnv, Value } from '../evaluate/index.js';
import { memo, memoKey, type Binding, type FileModel } from '../parse/index.js';
import { ancestorsOf } from '../parse/nodes.js';

/** Whether every call made through `arg`, handed to `holder` whose callee is `callee`, is one the flow follows to its sink. */
export function followedThroughWrapper(model: FileModel, env: EvalEnv, holder: CallExpression | NewExpression, arg: Node, callee: Value): boolean {
  // A spread among the arguments makes a written position not the position at run time.
  if (holder.type !== 'CallExpression' || holder.arguments.some((a) => a.type === 'SpreadElement')) return false;
  const forwards = forwardingOfCallee(callee, env);
  if (!forwards || holder.arguments.indexOf(arg as never) !== forwards.index) return false;
  const path = ancestorsOf(model.ast as AnyNode, holder);
  return path !== undefined && usedAsCalls(model, holder, path, forwards.stages, true);
}

/** How the called function forwards, for a function of this file or another module's export. */
function forwardingOfCallee(callee: Value, env: EvalEnv): { index: number; stages: number } | undefined {
  if (callee.k === 'fn') return forwardingIn(callee.model, callee.node);
  return callee.k === 'module' ? env.hooks.forwardingOf?.(callee.specifier, callee.from, callee.path) : undefined;
}

/**
 * Whether `node` (whose ancestors are `path`, outermost first) is called `stages + 1` times in a
 * row where it stands, or, where `named` allows, is what a name is declared with and every read
 * of that name is so called.
 */
function usedAsCalls(model: FileModel, node: AnyNode, path: AnyNode[], stages: number, named: boolean): boolean {
  let cur = node;
  let at = path.length - 1;
  for (let left = stages; ; left--) {
    const parent = path[at];
    if (parent?.type === 'CallExpression' && parent.callee === cur) {
      if (left === 0) return true;
      cur = parent;
      at--;
      continue;
    }
    return named && parent !== undefined && keptAndCalled(model, cur, parent, left);
  }
}

/** `const w = <node>` (a name never written again) with every read of `w` called `stages + 1` times. */
function keptAndCalled(model: FileModel, node: AnyNode, parent: AnyNode, stages: number): boolean {
  if (parent.type !== 'VariableDeclarator' || parent.init !== node || parent.id.type !== 'Identifier') return false;
  const binding = model.bindingOf.get(parent.id);
  if (!binding || binding.writes.length > 0 || binding.complexWrite || binding.loopVariable) return false;
  const reads = (readsByBinding(model).get(binding) ?? []).filter((id) => id !== parent.id);
  return reads.every((id) => {
    const path = ancestorsOf(model.ast as AnyNode, id);
    return path !== undefined && usedAsCalls(model, id as AnyNode, path, stages, false);
  });
}

const readsKey = memoKey<Map<Binding, Node[]>>('identifiers by binding, for followed escapes');

/** The identifiers of the file by the binding each names, made once per file (a file may keep many wrapped functions in names). */
function readsByBinding(model: FileModel): Map<Binding, Node[]> {
  return memo(model, readsKey, () => {
    const out = new Map<Binding, Node[]>();
    for (const id of model.bindingOf.identifiersOf({ has: () => true })) {
      const b = model.bindingOf.get(id);
      if (!b) continue;
      const list = out.get(b);
      if (list) list.push(id);
      else out.set(b, [id]);
    }
    return out;
  });
}
