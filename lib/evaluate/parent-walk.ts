// Parent walks: a function that calls itself with the parent folder of one of its parameters
// (`findMade(dirname(parent), parent)`, mkdirp's and find-up's shape) reads that parameter's
// value and then every folder above it, possibly up to the disk root. Binding the parameter to
// the first caller's value alone would grant the first step and leave the others silent, so
// the evaluator adds an unknown (`parent-walk`) beside it: the sink reports the walk where it
// reads. Which parameters walk is a fact of the code, found once per file.

import type { AnyNode, CallExpression, Node } from 'acorn';
import { dotName } from '../parse/nodes.js';
import { memo, memoIfMade, memoKey, type Binding, type FileModel } from '../parse/index.js';
import { methodOfThis } from './instance.js';
import type { Value } from './value.js';

/** Folds `node` with `params` bound (the evaluator, handed in so this module does not import it). */
export type Fold = (node: Node, params: Map<Binding, Value>) => Value;

/** `found` is filled once; while it is filled, the probes' own folding sees it empty (no walk inside a probe). */
const walks = memoKey<{ found: Set<Binding>; filled: boolean }>('parent walks');

/** A made-up absolute path: the argument of a step up from it folds to its folder. */
const probe = '/parent-walk/probe';

const newWalks = () => ({ found: new Set<Binding>(), filled: false });

/**
 * walksUp's answer when the file's walks are already found, without a fold: the evaluator asks
 * at every read of a bound parameter, and making its fold (a closure) for each read cost more
 * than the rest of the read.
 */
export function walksUpFound(model: FileModel, b: Binding): boolean | undefined {
  const walk = memoIfMade(model, walks);
  return walk?.filled ? walk.found.has(b) : undefined;
}

/** True when parameter `b` of its function is handed, one folder up, to the function itself. */
export function walksUp(model: FileModel, b: Binding, fold: Fold): boolean {
  const walk = memo(model, walks, newWalks);
  if (!walk.filled) {
    walk.filled = true;
    findWalks(model, fold, walk.found);
  }
  return walk.found.has(b);
}

function findWalks(model: FileModel, fold: Fold, out: Set<Binding>): void {
  for (const call of model.calls) {
    // A call site is also a `new` or an `import()`, which has neither callee nor arguments.
    const node = call.node as Partial<CallExpression>;
    const fn = call.fn && (callsItself(model, node, call.fn) ? call.fn : enclosingCallee(model, node));
    const params = fn ? model.params.get(fn) : undefined;
    if (!fn || !params?.some(Boolean)) continue;
    const args = node.arguments ?? [];
    params.forEach((b, i) => {
      if (!b || !args[i] || out.has(b)) return;
      const stepped = fold(args[i]!, new Map([[b, { k: 'str', v: probe }]]));
      if (stepped.k === 'str' && stepped.v === '/parent-walk') out.add(b);
    });
  }
}

/**
 * The function a plain `f(…)` calls when the call lies inside it, within a callback of its own
 * (mkdirp-classic: `fs.mkdir(p, function (er) { … mkdirP(dirname(p), …) })`): the step up is
 * the outer function's, though the innermost function around the call is the callback.
 */
function enclosingCallee(model: FileModel, call: Partial<CallExpression>): Node | undefined {
  const callee = call.callee as AnyNode | undefined;
  const b = callee?.type === 'Identifier' ? model.bindingOf.get(callee) : undefined;
  if (!b || b.kind === 'param') return undefined;
  const inside = (fn: Node | undefined) => fn !== undefined && fn.start < (call as Node).start && (call as Node).end <= fn.end;
  return [b.fn, b.init].find((fn) => inside(fn) && model.params.has(fn!));
}

/** Whether a call (`f(…)`, `(0, exports.f)(…)`, `this.f(…)`) inside `fn` calls `fn` again. */
function callsItself(model: FileModel, call: Partial<CallExpression>, fn: Node): boolean {
  let callee = call.callee as AnyNode | undefined;
  if (callee?.type === 'SequenceExpression') callee = callee.expressions[callee.expressions.length - 1];
  if (!callee) return false;
  if (callee.type === 'Identifier') {
    const b = model.bindingOf.get(callee);
    return b !== undefined && (b.fn === fn || b.init === fn) && b.kind !== 'param';
  }
  if (callee.type !== 'MemberExpression' || callee.computed) return false;
  if (callee.object.type === 'ThisExpression') return methodOfThis(model, callee) === fn;
  // `exports.f` / `module.exports.f` where the export `f` is this function (tsc's output).
  const target = model.exports.get(dotName(callee));
  const node = target && 'node' in target ? (target.node as AnyNode) : undefined;
  if (!node) return false;
  if (node === fn) return true;
  const b = node.type === 'Identifier' ? model.bindingOf.get(node) : undefined;
  return b !== undefined && (b.fn === fn || b.init === fn);
}
