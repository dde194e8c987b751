// Whether the calls callers.ts finds for a function of a file are all of its calls. callers.ts
// binds a parameter to what the file's calls of its function pass (`save('out/y.txt')`); that is
// the whole truth only when the function is reached by no other way. Its value read as anything
// but the callee of a call (`const a = save; a(p)`, `run(o.save, p)`, `const b = o; b.save(p)`),
// or a method of a class, whose instances go anywhere (`new Store().write(p)`), may be called
// with other arguments the file's calls never show: such a parameter keeps its unknown value
// beside its callers', and a sink of it is reported, not granted for the callers' paths alone.

import type { Node } from 'acorn';
import { memo, memoKey, type Binding, type FileModel } from '../parse/index.js';

type Any = Node & { type: string; [key: string]: unknown };

/** The functions of a file whose calls the file does not all show, worked out once per file. */
const openIndex = memoKey<ReadonlySet<Node>>('open callers');

/** Whether `fn` may be called other than by the calls of its file callers.ts finds. */
export function callersOpen(model: FileModel, fn: Node): boolean {
  return memo(model, openIndex, () => openFunctions(model)).has(fn);
}

function openFunctions(model: FileModel): Set<Node> {
  const open = new Set<Node>();
  // Class methods: an instance is a value like any other; `this.m(…)` is not all of m's calls.
  // A private one (`#write`) is called only inside its class, where `this.#write(…)` names it.
  for (const c of model.classes) {
    for (const member of ((c as Any).body as Any).body as Any[]) {
      if (member.type === 'MethodDefinition' && member.kind === 'method' && (member.key as Any).type !== 'PrivateIdentifier') open.add(member.value as Node);
    }
  }
  const uses = followedUses(model);
  const refs = referencesOf(model);
  // Map.forEach, not for…of: no entry pair and iterator result per binding in code V8 has not optimised yet.
  refs.forEach((ids, b) => {
    // `const a = h`: the alias's own uses are looked at (its object's functions are the same), not this read of h.
    const init = aliasInit(b);
    if (init && model.bindingOf.get(init) && aliasedBinding(model, b) !== b) uses.memberCalls.add(init), uses.callees.add(init);
    // `const read = opts.read || defaultRead; read(…)`: callers.ts takes each call of read as one of defaultRead.
    if (ids.every((id) => uses.callees.has(id))) for (const operand of chosenOperands(b)) uses.callees.add(operand);
  });
  const written = writtenFunctions(model);
  refs.forEach((ids, b) => {
    const fn = functionOf(model, b);
    if (fn && !ids.every((id) => uses.callees.has(id))) open.add(fn);
    // An object of functions (`const o = { save(p) { … } }`, `o.save = function …`) read other
    // than as `o.name(…)` or written as `o.name = …`: its functions go with it.
    if (!ids.every((id) => uses.memberCalls.has(id))) for (const member of memberFunctions(model, b, written)) open.add(member);
  });
  return open;
}

/** Each binding's references (never its declaring identifier), in one pass over the file. */
function referencesOf(model: FileModel): Map<Binding, Node[]> {
  return model.bindingOf.referencesByBinding();
}

/** The identifiers `a || b`, `a ?? b` or `c ? a : b` a never-reassigned variable is initialised with may be (callers.ts chosenFunctions). */
function chosenOperands(b: Binding): Node[] {
  if (b.pattern.length > 0 || b.writes.length > 0 || b.complexWrite || !b.init) return [];
  return choiceOperands(b.init).filter((o) => (o as Any).type === 'Identifier');
}

/** The operands `a || b`, `a ?? b` or `c ? a : b` may give (callers.ts chosenFunctions reads them too). */
export function choiceOperands(init: Node): Node[] {
  const n = init as Any;
  if (n.type === 'LogicalExpression' && n.operator !== '&&') return [n.left as Node, n.right as Node];
  return n.type === 'ConditionalExpression' ? [n.consequent as Node, n.alternate as Node] : [];
}

/** The identifiers the file uses only as callers.ts follows them: a call's callee, and the object of a member call or member write. */
function followedUses(model: FileModel): { callees: Set<Node>; memberCalls: Set<Node> } {
  const callees = new Set<Node>();
  const memberCalls = new Set<Node>();
  for (const { node } of model.calls) {
    const callee = (node as Any).callee as Any | undefined;
    if (callee?.type === 'Identifier') callees.add(callee);
    else if (callee?.type === 'MemberExpression' && (callee.object as Any).type === 'Identifier') memberCalls.add(callee.object as Node);
  }
  for (const w of model.staticWrites as Any[]) memberCalls.add((w.left as Any).object as Node);
  return { callees, memberCalls };
}

/** The function a binding stands for: a declaration, or a variable never reassigned given one (or an alias of one). */
function functionOf(model: FileModel, b: Binding): Node | undefined {
  const to = aliasedBinding(model, b);
  if (to.kind === 'function') return to.fn;
  return to.init && /Function/.test(to.init.type) && to.writes.length === 0 && !to.complexWrite ? to.init : undefined;
}

/**
 * What a variable never reassigned aliases: `const a = h`, `var a = exports.e = h` (an esbuild
 * bundle's export), a few steps; the binding itself when it aliases nothing.
 */
export function aliasedBinding(model: FileModel, b: Binding): Binding {
  let at = b;
  for (let step = 0; step < 4; step++) {
    const init = aliasInit(at);
    const next = init && model.bindingOf.get(init);
    if (!next || next === at) break;
    at = next;
  }
  return at;
}

/** The identifier a never-reassigned, undestructured variable is initialised to, through plain assignments (`a = exports.e = h`). */
function aliasInit(b: Binding): Node | undefined {
  if ((b.kind !== 'const' && b.kind !== 'let' && b.kind !== 'var') || b.pattern.length > 0 || b.writes.length > 0 || b.complexWrite || b.loopVariable) return undefined;
  let n = b.init as Any | undefined;
  while (n?.type === 'AssignmentExpression' && n.operator === '=') n = n.right as Any;
  return n?.type === 'Identifier' ? n : undefined;
}

/** The functions written as members of a variable's object: in its literal, or assigned by name. */
function memberFunctions(model: FileModel, alias: Binding, written: ReadonlyMap<Binding, Node[]>): Node[] {
  const b = aliasedBinding(model, alias);
  const out = [...(written.get(b) ?? [])];
  const init = b.init as Any | undefined;
  if (init?.type === 'ObjectExpression' && b.pattern.length === 0) {
    for (const p of init.properties as Any[]) if (p.type === 'Property' && /Function/.test((p.value as Any).type)) out.push(p.value as Node);
  }
  return out;
}

/** `o.name = function …` of the file, by the variable written. */
function writtenFunctions(model: FileModel): Map<Binding, Node[]> {
  const out = new Map<Binding, Node[]>();
  for (const w of model.staticWrites as Any[]) {
    const owner = model.bindingOf.get((w.left as Any).object as Node);
    if (!owner || !/Function/.test((w.right as Any).type)) continue;
    // Appended in place: a copy per write made an object written with many functions quadratic.
    const list = out.get(owner);
    if (list) list.push(w.right as Node);
    else out.set(owner, [w.right as Node]);
  }
  return out;
}
