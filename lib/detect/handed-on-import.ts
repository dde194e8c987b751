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
  // Indexed loops: this runs over every call of every file, often before V8 optimises it, when each for…of step allocated.
  const calls = model.calls;
  for (let i = 0; i < calls.length; i++) {
    const c = calls[i]!;
    if (c.node.type !== 'CallExpression' && c.node.type !== 'NewExpression') continue;
    const holder = c.node as CallExpression | NewExpression;
    for (const top of holder.arguments) {
      for (const { node: arg, alternative } of handedIn(top as AnyNode)) {
        if (listed.has(arg)) continue;
        const at = alternative && arg !== top ? { arg: top } : {};
        const ownExports = ownExportsPath(model, arg as AnyNode);
        if (ownExports) {
          if (!definesOnly(model, holder)) out.push({ node: arg, holder, ownExports, ...at });
        }
        else if (!(kept.has(arg) && !alternative) && isImported(model, arg as AnyNode)) out.push({ node: arg, holder, ...at });
      }
    }
  }
  // Kept in an object, an array or a member (`keep.push({ f: lib.r })`, `o.f = lib.r`): whoever
  // reads it there may call it (lib/parse/scope-walk.ts functionEscape lists these).
  for (const k of model.keptValues ?? []) if (isImported(model, k.node as AnyNode) || keyedCapabilityRead(model, k.node as AnyNode)) out.push(k);
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
function isImported(model: FileModel, node: AnyNode, steps = MAX_ALIAS_STEPS): boolean {
  const required = requiredSpecifier(model, node);
  if (required !== undefined) return !isBuiltin(required) && !/\.(?:json|node)$/.test(required);
  let root = node;
  // A member by a computed key (`lib[k]`) is one of the module's values too (silent-17).
  while (root.type === 'MemberExpression') root = root.object as AnyNode;
  const binding = root.type === 'Identifier' ? model.bindingOf.get(root) : undefined;
  if (binding === undefined) return false;
  if (importedFrom(model, binding) !== undefined) return true;
  if (binding.kind === 'param' || binding.kind === 'function' || binding.kind === 'class') return false;
  // Past the bound the name is judged anyway: the evaluator then says what it is (never silent).
  if (steps === 0) return true;
  const values = binding.init && !binding.loopVariable ? [binding.init, ...binding.writes] : binding.writes;
  return values.some((v) => isImported(model, v as AnyNode, steps - 1));
}

/** `exports`, `module.exports` (both unbound) or a plain member read of them: the member names below the exports object. */
function ownExportsPath(model: FileModel, node: AnyNode): string[] | undefined {
  const names: string[] = [];
  let cur = node;
  for (; cur.type === 'MemberExpression'; cur = cur.object as AnyNode) {
    if (cur.computed || cur.property.type !== 'Identifier') return undefined;
    names.unshift(cur.property.name);
  }
  if (cur.type !== 'Identifier' || model.bindingOf.get(cur)) return undefined;
  if (cur.name === 'exports') return names;
  return cur.name === 'module' && names[0] === 'exports' ? names.slice(1) : undefined;
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
