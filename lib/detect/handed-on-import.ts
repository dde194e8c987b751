// Values of another module, or this module's own exports object, handed to a call as they are
// (`later(lib.plain, p)`, `later(plain, p)` after `import { plain }`, `run(exports)`). Another
// module may export an fs function under any name (`exports.plain = fs.writeFileSync`), so the
// parse stage's candidates (named like a capability function, lib/parse/scope-walk.ts) miss it;
// and an exports object holding one is no candidate at all. The evaluator knows what such a
// value is through the export table, so these arguments are listed here for ./function-escape.ts
// to evaluate and judge like its own candidates. A call of the import itself (`lib.plain(p)`)
// is a sink the flow follows and is not listed. A built-in module's members are left out: the
// ones that are capability functions are named like one and listed by the parse stage.

import { isBuiltin } from 'node:module';
import type { AnyNode, CallExpression, NewExpression, Node } from 'acorn';
import type { Binding, FileModel } from '../parse/index.js';
import { requireCall } from './export-escape.js';

export interface HandedOn {
  /** The argument: an import, a member read of one, `exports` or `module.exports`. */
  node: Node;
  /** The call or `new` it is handed to, or the object literal, array, member write or class field that keeps it. */
  holder: Node;
  /** For the module's own exports (`exports`, `module.exports.w`): the member path below the exports object. */
  ownExports?: string[];
  /** The argument `node` is one alternative of (`c ? lib.w : x`, `lib.w || x`): the callee gets `node` itself there. */
  arg?: Node;
}

/** The arguments of this file's calls that are another module's values or the module's exports object, not already a parse-stage candidate. */
export function handedOnImports(model: FileModel): HandedOn[] {
  const listed = new Set<Node>((model.functionEscapes ?? []).map((e) => e.node));
  // Another module's value inside an argument's array or object literal is also a kept value (below):
  // said once, as kept (`stored`), not again as an argument.
  const kept = new Set<Node>((model.keptValues ?? []).map((k) => k.node));
  const out: HandedOn[] = [];
  const memo: AliasMemo = new Map();
  const consider = (holder: CallExpression | NewExpression, top: Node, arg: Node, alternative: boolean): void => {
    if (listed.has(arg)) return;
    const ownExports = ownExportsPath(model, arg as AnyNode);
    if (ownExports) {
      if (!definesOnly(model, holder)) out.push({ node: arg, holder, ownExports, ...(alternative && arg !== top ? { arg: top } : {}) });
    }
    else if (!(kept.has(arg) && !alternative) && isImported(model, arg as AnyNode, memo)) out.push({ node: arg, holder, ...(alternative && arg !== top ? { arg: top } : {}) });
  };
  // Indexed loops: this runs over every call of every file, often before V8 optimises it, when each for…of step allocated.
  const calls = model.calls;
  for (let i = 0; i < calls.length; i++) {
    const c = calls[i]!;
    if (c.node.type !== 'CallExpression' && c.node.type !== 'NewExpression') continue;
    const holder = c.node as CallExpression | NewExpression;
    const args = holder.arguments;
    for (let j = 0; j < args.length; j++) {
      const top = args[j]!;
      // Most arguments hold nothing nested: taken as they are, without handedIn's lists (perf-19).
      if (!nests.has(top.type)) consider(holder, top, top, true);
      else for (const { node: arg, alternative } of handedIn(top as AnyNode)) consider(holder, top, arg, alternative);
    }
  }
  // Kept in an object, an array or a member (`keep.push({ f: lib.r })`, `o.f = lib.r`): whoever
  // reads it there may call it (lib/parse/scope-walk.ts functionEscape lists these).
  for (const k of model.keptValues ?? []) if (isImported(model, k.node as AnyNode, memo) || keyedCapabilityRead(model, k.node as AnyNode)) out.push(k);
  return out;
}

/** The built-in modules whose functions a read by a computed key may be (fs's names are listed by the parse stage only when written out). */
const capabilityBuiltins = new Set(['fs', 'fs/promises', 'child_process']);

/**
 * `fs[k]` kept in an object, an array or a member, `fs` a name given `require('fs')` (or an import
 * of it) and `k` not a string literal: the key may be a constant naming a capability function
 * (`const k = 'writeFileSync'`), which the parse stage's names do not see (holes-14's left open).
 */
function keyedCapabilityRead(model: FileModel, node: AnyNode): boolean {
  if (node.type !== 'MemberExpression' || !node.computed || node.object.type !== 'Identifier') return false;
  const b = model.bindingOf.get(node.object);
  const specifier = b?.kind === 'import' ? b.importSource : b && b.writes.length === 0 ? requiredSpecifier(model, b.init as AnyNode | undefined) : undefined;
  return specifier !== undefined && capabilityBuiltins.has(specifier.replace(/^node:/, ''));
}

/** The argument forms handedIn looks inside; any other argument is handed on as itself. */
const nests = new Set(['ConditionalExpression', 'LogicalExpression', 'SpreadElement', 'ArrayExpression', 'ObjectExpression']);

/** How many nodes inside one argument are looked at: an argument nested deeper is hostile or generated, and a bound keeps it linear. */
const MAX_INSIDE_ARGUMENT = 64;

/**
 * The values an argument hands on (holes-14): itself, each alternative of `c ? a : b`, `a || b`
 * and `a ?? b` (`alternative`: the callee gets that value as the argument), and what an array, a
 * spread or an object literal holds (`later(p, ...[lib.w])`, `later({ w: lib.w })`), which the
 * callee gets inside the argument: escape-14 looked only at an argument that is the import itself.
 */
function handedIn(arg: AnyNode): { node: Node; alternative: boolean }[] {
  const out: { node: Node; alternative: boolean }[] = [];
  const stack: { node: AnyNode; alternative: boolean }[] = [{ node: arg, alternative: true }];
  for (let seen = 0; stack.length > 0 && seen < MAX_INSIDE_ARGUMENT; seen++) {
    const { node, alternative } = stack.pop()!;
    if (node.type === 'ConditionalExpression') stack.push({ node: node.alternate, alternative }, { node: node.consequent, alternative });
    else if (node.type === 'LogicalExpression') stack.push({ node: node.right, alternative }, { node: node.left, alternative });
    else if (node.type === 'SpreadElement') stack.push({ node: node.argument, alternative: false });
    else if (node.type === 'ArrayExpression') for (const e of node.elements) e && stack.push({ node: e, alternative: false });
    else if (node.type === 'ObjectExpression') for (const p of node.properties) stack.push({ node: p.type === 'Property' ? p.value : p, alternative: false });
    else out.push({ node, alternative });
  }
  return out;
}

// The functions of the global Object that shape or inspect an object and hand none of its values
// on (tsc's `Object.defineProperty(exports, '__esModule', …)` in every CommonJS build).
const objectShapers = new Set(['defineProperty', 'defineProperties', 'freeze', 'seal', 'preventExtensions', 'keys', 'getOwnPropertyNames', 'setPrototypeOf', 'getPrototypeOf', 'isFrozen', 'isSealed', 'isExtensible', 'hasOwn']);

/** A call of one of objectShapers on the global Object. */
function definesOnly(model: FileModel, call: CallExpression | NewExpression): boolean {
  const callee = call.callee as AnyNode;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.object.type !== 'Identifier' || callee.property.type !== 'Identifier') return false;
  return callee.object.name === 'Object' && !model.bindingOf.get(callee.object) && objectShapers.has(callee.property.name);
}

/** How many names given one another's value (`const f = lib.r; const g = f`) are followed back to an import; a longer chain is judged as if it led to one. */
const MAX_ALIAS_STEPS = 8;

/**
 * An import, or a chain of plain member reads of one, also through variables given such a value
 * (`const f = lib.r`, `let g; g = f`): every value the name is given is followed, any one of them
 * being another module's value makes it a candidate (the evaluator then says what it is).
 */
function isImported(model: FileModel, node: AnyNode, memo: AliasMemo, steps = MAX_ALIAS_STEPS): boolean {
  const required = requiredSpecifier(model, node);
  if (required !== undefined) return !isBuiltin(required) && !/\.(?:json|node)$/.test(required);
  let root = node;
  // A member by a computed key (`lib[k]`) is one of the module's values too (silent-17).
  while (root.type === 'MemberExpression') root = root.object as AnyNode;
  const binding = root.type === 'Identifier' ? model.bindingOf.get(root) : undefined;
  if (binding === undefined) return false;
  const known = memo.get(binding) ?? 0;
  const bit = 1 << steps;
  if (known & (bit << ANSWERED)) return (known & bit) !== 0;
  const answer = bindingImported(model, binding, memo, steps);
  memo.set(binding, (memo.get(binding) ?? 0) | (bit << ANSWERED) | (answer ? bit : 0));
  return answer;
}

/**
 * Answers per binding and steps left, once for the file (perf-19): the same names are handed to
 * many calls, and a name written from itself (`node = node.parent`) was followed again at each
 * step, once per write. One number per binding: bit `steps` the answer, bit `ANSWERED + steps`
 * set once it is known (a list per binding was most of what this allocated).
 */
type AliasMemo = Map<Binding, number>;
const ANSWERED = 16;

/** isImported's answer for a name: an import, or a name given one (followed `steps` more times). */
function bindingImported(model: FileModel, binding: Binding, memo: AliasMemo, steps: number): boolean {
  if (importedFrom(model, binding) !== undefined) return true;
  if (binding.kind === 'param' || binding.kind === 'function' || binding.kind === 'class') return false;
  // Past the bound the name is judged anyway: the evaluator then says what it is (never silent).
  if (steps === 0) return true;
  if (binding.init && !binding.loopVariable && isImported(model, binding.init as AnyNode, memo, steps - 1)) return true;
  const writes = binding.writes;
  for (let i = 0; i < writes.length; i++) if (isImported(model, writes[i] as AnyNode, memo, steps - 1)) return true;
  return false;
}

/** `exports`, `module.exports` (both unbound) or a plain member read of them: the member names below the exports object. */
function ownExportsPath(model: FileModel, node: AnyNode): string[] | undefined {
  let cur = node;
  for (; cur.type === 'MemberExpression'; cur = cur.object as AnyNode) if (cur.computed || cur.property.type !== 'Identifier') return undefined;
  // The root first, and the names only for `exports` or `module`: every argument of every call passes here (perf-19).
  if (cur.type !== 'Identifier' || (cur.name !== 'exports' && cur.name !== 'module') || model.bindingOf.get(cur)) return undefined;
  const names: string[] = [];
  for (let m = node; m.type === 'MemberExpression'; m = m.object as AnyNode) names.unshift((m.property as AnyNode & { name: string }).name);
  if (cur.name === 'exports') return names;
  return names[0] === 'exports' ? names.slice(1) : undefined;
}

/** The specifier a binding is another module's value from (an import, `require('x')` or a member or destructuring of it); undefined for a built-in or anything else. */
function importedFrom(model: FileModel, b: Binding): string | undefined {
  const specifier = b.kind === 'import' ? b.importSource : requiredSpecifier(model, b.init as AnyNode | undefined);
  // JSON data and an addon hold no JavaScript function the analysis could find.
  return specifier === undefined || isBuiltin(specifier) || /\.(?:json|node)$/.test(specifier) ? undefined : specifier;
}

/** `require('x')` (the unbound require), or a plain member read of it: its specifier. */
function requiredSpecifier(model: FileModel, init: AnyNode | undefined): string | undefined {
  let cur = init;
  while (cur?.type === 'MemberExpression' && !cur.computed) cur = cur.object as AnyNode;
  return cur && requireCall(model, cur)?.specifier;
}
