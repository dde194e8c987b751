// Methods on objects another module made. `const zip = new AdmZip(); zip.writeZip(p)`,
// `const wb = new Excel.Workbook(); wb.xlsx.readFile(f)`, `this.store = createStore(opts)` in a
// constructor and `this.store.save(p)` in a method: the callee folds to nothing (what a call into
// another module returns is not a value the evaluator keeps), but the receiver was made by a call
// into that module, written where its name got its value. Such a call is a call into that module
// at an export path with the steps CALL_RESULT or NEW_INSTANCE (flow.ts), which matching follows
// to the function that made the object and on to its method.
//
// Only names given one value (a constant, or a field its constructor sets once) are followed:
// a name written again may hold anything by the time of the call.

import type { AnyNode, Node } from 'acorn';
import { evaluate, thisFieldSource, type EvalEnv, type Value } from '../evaluate/index.js';
import type { FileModel } from '../parse/index.js';
import { dotName } from '../parse/nodes.js';
import { CALL_RESULT, NEW_INSTANCE } from './flow.js';

type ModuleValue = Value & { k: 'module' };

/** Steps followed back from a callee to the call that made its receiver: more are not tried. */
const MAX_STEPS = 8;

/**
 * The call into another module that `callee` (a call's callee that folded to nothing) stands
 * for, when its receiver is an object another module made; else undefined.
 */
export function madeByModule(callee: Node, model: FileModel, env: EvalEnv): ModuleValue | undefined {
  const n = callee as AnyNode;
  // A cheap test first: most callees folding to nothing are methods of parameters or of values no call made.
  if (n.type !== 'MemberExpression' && n.type !== 'Identifier') return undefined;
  return madeAt(n, model, env, 0);
}

function madeAt(node: AnyNode, model: FileModel, env: EvalEnv, depth: number): ModuleValue | undefined {
  if (depth > MAX_STEPS) return undefined;
  const n = unwrapped(node);
  switch (n.type) {
    case 'Identifier': {
      const given = onlyValue(model, n);
      return given ? madeAt(given as AnyNode, model, env, depth + 1) : undefined;
    }
    case 'MemberExpression': {
      if (n.computed || n.property.type === 'PrivateIdentifier') return undefined;
      const self = thisOf(model, n.object);
      if (self) {
        const source = thisFieldSource(model, self, dotName(n));
        return source ? madeAt(source as AnyNode, model, env, depth + 1) : undefined;
      }
      const object = madeAt(n.object, model, env, depth + 1);
      return object && { ...object, path: [...object.path, dotName(n)] };
    }
    case 'CallExpression':
    case 'NewExpression': {
      if (n.callee.type === 'Super') return undefined;
      const value = evaluate(n.callee, { model, depth: 0 }, env);
      const maker = value.k === 'module' ? value : value.k === 'unknown' ? madeAt(n.callee, model, env, depth + 1) : undefined;
      return maker && { ...maker, path: [...maker.path, n.type === 'NewExpression' ? NEW_INSTANCE : CALL_RESULT] };
    }
    default:
      return undefined;
  }
}

/** `(x)`, `await x`, `x?.y` as x. */
function unwrapped(n: AnyNode): AnyNode {
  let at = n;
  while (at.type === 'ParenthesizedExpression' || at.type === 'AwaitExpression' || at.type === 'ChainExpression') at = at.type === 'AwaitExpression' ? at.argument : at.expression;
  return at;
}

/** The one expression a variable is given: its initialiser when never written again, or its one write when declared without one. */
function onlyValue(model: FileModel, id: Node): Node | undefined {
  const b = model.bindingOf.get(id);
  if (!b || b.kind === 'param' || b.pattern.length > 0 || b.complexWrite || b.loopVariable) return undefined;
  if (b.init) return b.writes.length === 0 ? b.init : undefined;
  return b.writes.length === 1 ? b.writes[0] : undefined;
}

/** `this`, or a name for it (`const self = this`). */
function thisOf(model: FileModel, n: AnyNode): Node | undefined {
  if (n.type === 'ThisExpression') return n;
  const given = n.type === 'Identifier' ? onlyValue(model, n) : undefined;
  return (given as AnyNode | undefined)?.type === 'ThisExpression' ? given : undefined;
}
