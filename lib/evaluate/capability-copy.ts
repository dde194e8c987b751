// Objects built from a capability module. `Object.assign({}, fs)`, `{ ...fs }`, a clone
// function's result, `pify(fs)` or a patched clone a package exports are all "fs" to the code
// that calls their methods: `copy.readFile(p)` reads p. So a value built from a capability
// module keeps the module (a builtin value marked `copy` with the site it was made at), and a
// call on its method is the module's call. A member the module itself does not have
// (`readFileAsync`, added by the wrapper) or one chosen by an unknown key (`fs[k]`) is the
// module's `*` member: the capability escaped there, which lib/detect/capability-escape.ts
// reports at the call rather than letting the call pass unseen.

import { createRequire } from 'node:module';
import type { AnyNode, Node } from 'acorn';
import { memo, memoKey, type Binding, type FileModel } from '../parse/index.js';
import { childKeysOf } from '../parse/nodes.js';
import type { Site } from '../types.js';
import { oneOf, unknown, type Value } from './value.js';

/** Built-in modules whose functions need a permission (the modules our detectors subscribe to). */
const capabilityModules = new Set(['fs', 'child_process', 'worker_threads', 'net', 'dgram', 'http', 'https', 'http2', 'tls', 'inspector', 'wasi', 'module']);

/** The member standing for any member of a capability module: the one an unknown key reads. */
export const ANY_MEMBER = '*';

/** Whether `v` is a capability module itself (`fs`, `fs.promises`) or a copy of one, so copying it copies the capability. */
function isCapabilityObject(v: Value): v is Value & { k: 'builtin' } {
  if (v.k !== 'builtin' || !capabilityModules.has(v.module)) return false;
  return v.path.length === 0 || (v.module === 'fs' && v.path.length === 1 && v.path[0] === 'promises');
}

/** The capability object among `values` (the last one, as in Object.assign), or undefined. */
export function capabilityIn(values: readonly Value[]): (Value & { k: 'builtin' }) | undefined {
  let found: (Value & { k: 'builtin' }) | undefined;
  for (const v of values) {
    // `fs = require('graceful-fs')`, else `require('fs')`: either is the module.
    for (const alt of v.k === 'oneOf' ? v.vs : [v]) {
      const c = alt.k === 'obj' && alt.copyOf ? alt.copyOf : alt;
      if (isCapabilityObject(c)) found = c;
    }
  }
  return found;
}

/** `v` as a copy made at `site`: the module, marked so that members it lacks become `*`. */
export function copyAt(v: Value & { k: 'builtin' }, site: Site): Value {
  return v.copy ? v : { ...v, copy: site };
}

/**
 * What `Object.assign(target, …sources)` returns: the objects' properties merged, a copy when a
 * source is a capability module. A source the analysis cannot see (the caller's `methods`) may
 * set any property, so a property known before it is that value or an unknown one, and any other
 * is unknown: serve-handler's `Object.assign({ lstat: promisify(lstat) }, methods).lstat` is
 * still fs's lstat wherever it is called, not a value dropped whole.
 */
export function objectAssign(values: Value[], site: Site): Value {
  const capability = capabilityIn(values);
  const props = new Map<string, Value>();
  let rest: Value | undefined;
  const spreads: Value[] = [];
  for (const v of values) {
    if (v.k === 'obj') for (const [key, x] of v.props) props.set(key, x);
    // Another module's exports merged in (`Object.assign({ version }, require('./read'))`): its
    // members are found in that module, as for `{ ...require('./read') }`.
    else if (v.k === 'module' && !capability) spreads.push(v);
    else if (!capability && v.k !== 'nullish') {
      rest = v.k === 'unknown' ? v : unknown('call-result', site);
      for (const [key, x] of props) props.set(key, oneOf([x, rest], site));
    }
  }
  // Nothing known at all: as unknown as the sources (a copy of the caller's options).
  if (rest && props.size === 0 && spreads.length === 0) return unknown('call-result', site);
  if (capability) return { k: 'obj', props, copyOf: copyAt(capability, site) as Value & { k: 'builtin' } };
  return { k: 'obj', props, ...(spreads.length > 0 ? { spreads } : {}), ...(rest ? { rest } : {}) };
}

/**
 * What a call the analysis cannot fold returns when it is handed a capability module
 * (`clone(fs)`, `patch(fs)`, `pify(fs)`): taken to be a copy of the module, so calls on its
 * methods are that module's calls; otherwise unknown.
 */
export function copyThroughCall(args: readonly Value[], site: Site): Value {
  const capability = capabilityIn(args);
  return capability ? copyAt(capability, site) : unknown('call-result', site);
}

// Node's own built-ins (never the analysed code): which names a module really exports.
const requireBuiltin = createRequire(import.meta.url);

/** Whether built-in `module` (at `path`) has an own member `name` in the Node running the analysis. */
export function hasRealMember(module: string, path: readonly string[], name: string): boolean {
  let object: unknown = requireBuiltin(`node:${module}`);
  for (const p of path) object = object && typeof object === 'object' ? (object as Record<string, unknown>)[p] : undefined;
  return !!object && typeof object === 'object' && Object.hasOwn(object, name);
}

/**
 * Member `name` of a built-in value: a copy's member the module lacks was added by whatever made
 * the copy, so it could be anything (the `*` member).
 */
export function builtinMember(object: Value & { k: 'builtin' }, name: string): Value & { k: 'builtin' } {
  const real = !object.copy || !isCapabilityObject(object) || hasRealMember(object.module, object.path, name);
  return { ...object, path: [...object.path, real ? name : ANY_MEMBER] };
}

/** A read `x[k]` handed on, and the variable it is stored into member by member (`out[k] = …x[k]…`), if any. */
export interface MemberCopyRead {
  node: Node;
  into?: Binding;
}

const copyReads = memoKey<MemberCopyRead[]>('capability copy reads');

/**
 * `x[k]` read where its value is handed on (an argument, an assignment, a property, a return) and
 * `x` is a variable: the places a capability module may be copied member by member
 * (`out[k] = promisify(fs[k])`). Callees are left out (a call is examined as a call), and so are
 * tests (`typeof fs[k] === 'function'`). Walked only in files that load a capability module.
 */
export function memberCopyReads(model: FileModel): MemberCopyRead[] {
  return memo(model, copyReads, () => {
    if (!loadsCapabilityModule(model)) return [];
    const found: MemberCopyRead[] = [];
    walk(model.ast as AnyNode, false, undefined, model, found);
    return found;
  });
}

/** The variables a file fills from a capability module, found once per file; `filling` while they are being found. */
interface FilledCopies {
  copies: Map<Binding, Value & { k: 'builtin' }>;
  state: 'new' | 'filling' | 'done';
}

const copiesInto = memoKey<FilledCopies>('capability copies into variables');

/** What copiedInto answers while the file's copies are still being found: not known yet. */
export const COPIES_PENDING = 'pending';

/**
 * The capability module a variable is filled with member by member
 * (`for (const k of Object.keys(fs)) out[k] = promisify(fs[k])`), so `out.readFile(p)` is
 * `fs.readFile(p)`; undefined for any other variable. `inspect` evaluates a read's object and gives its site.
 * Evaluating a read's object may ask again (`map[s] = map[s] || {}`: the object is itself an
 * empty object filled by computed keys); that asks while the answer is being made, and gets
 * COPIES_PENDING: the copies found so far are the file's earlier reads, so it is provisional and
 * must not be remembered. It recursed until the stack ran out, and the file (@smithy/core's
 * config module, its INI parser) was dropped as FILE_TOO_DEEP.
 */
export function copiedInto(model: FileModel, b: Binding, inspect: (read: Node) => { object: Value; site: Site }): (Value & { k: 'builtin' }) | undefined | typeof COPIES_PENDING {
  const reads = memberCopyReads(model);
  if (reads.length === 0) return undefined;
  const found = memo<FilledCopies>(model, copiesInto, () => ({ copies: new Map(), state: 'new' }));
  // A copy found already stays one: only what is not found yet is provisional.
  if (found.state === 'filling') return found.copies.get(b) ?? COPIES_PENDING;
  if (found.state === 'new') fillCopies(found, reads, inspect);
  return found.copies.get(b);
}

/**
 * Looks at every read (a variable's copy is made at its last read from a capability), then again
 * at the reads into variables not found yet, until a pass adds none: a copy filled from another
 * copy (`late[k] = early[k]`) is found once that one is, whatever their order in the file. Each
 * pass but the last adds a copy, so there are at most as many passes as reads into variables.
 */
function fillCopies(found: FilledCopies, reads: MemberCopyRead[], inspect: (read: Node) => { object: Value; site: Site }): void {
  found.state = 'filling';
  try {
    for (let pass = 0, added = true; added; pass++) {
      added = false;
      for (const r of reads) {
        if (!r.into || (pass > 0 && found.copies.has(r.into))) continue;
        const { object, site } = inspect(r.node);
        const capability = capabilityIn([object]);
        if (!capability) continue;
        added ||= !found.copies.has(r.into);
        found.copies.set(r.into, copyAt(capability, site) as Value & { k: 'builtin' });
      }
    }
    found.state = 'done';
  } finally {
    // Cut short (the stack ran out): found afresh by the next question, not left half made.
    if (found.state !== 'done') {
      found.copies.clear();
      found.state = 'new';
    }
  }
}

/**
 * Walks below `node`; `handedOn` says whether its value goes somewhere else, `into` the variable
 * it is stored into by a computed key (`out[k] = …`). A loop over an explicit stack, in the
 * order a recursive walk would take: minified code nests thousands of links (a promise chain
 * of 5,000 `.then`s ran out of stack here). The stack is three parallel arrays; a node's
 * children are pushed onto it in order and that stretch is then reversed in place, so the
 * first child comes off first: this walk runs over every file that loads a capability module,
 * and an array per node and per child was most of its cost.
 */
function walk(root: AnyNode, handedOnAtRoot: boolean, intoAtRoot: Binding | undefined, model: FileModel, found: MemberCopyRead[]): void {
  const nodes: AnyNode[] = [root];
  const handed: boolean[] = [handedOnAtRoot];
  const intos: (Binding | undefined)[] = [intoAtRoot];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const handedOn = handed.pop()!;
    const into = intos.pop();
    if (node.type === 'MemberExpression' && node.computed && node.object.type === 'Identifier' && handedOn && model.bindingOf.has(node.object)) found.push(into ? { node, into } : { node });
    // Nodes without children, about half of all: nothing to enumerate.
    if (node.type === 'Identifier' || node.type === 'Literal' || node.type === 'ThisExpression' || node.type === 'TemplateElement') continue;
    const mark = nodes.length;
    for (const key of childKeysOf(node)) {
      if (key === 'type' || key === 'start' || key === 'end') continue;
      const value = (node as unknown as Record<string, any>)[key];
      if (!value || typeof value !== 'object') continue;
      const isList = Array.isArray(value);
      if (!isList && typeof value.type !== 'string') continue;
      const on = handedOnChild(node, key, handedOn);
      const target = on ? (storedInto(node, key, model) ?? (keepsTarget(node, key) ? into : undefined)) : undefined;
      if (!isList) {
        nodes.push(value);
        handed.push(on);
        intos.push(target);
        continue;
      }
      for (const v of value) {
        if (!v || typeof v.type !== 'string') continue;
        nodes.push(v);
        handed.push(on);
        intos.push(target);
      }
    }
    reverseFrom(mark, nodes, handed, intos);
  }
}

/** Reverses the entries from `mark` to the end of the three parallel stacks. */
function reverseFrom(mark: number, nodes: AnyNode[], handed: boolean[], intos: (Binding | undefined)[]): void {
  for (let i = mark, j = nodes.length - 1; i < j; i++, j--) {
    const n = nodes[i]!;
    nodes[i] = nodes[j]!;
    nodes[j] = n;
    const h = handed[i]!;
    handed[i] = handed[j]!;
    handed[j] = h;
    const t = intos[i];
    intos[i] = intos[j];
    intos[j] = t;
  }
}

/** The variable `out` when `parent.key` is the right side of `out[k] = …`. */
function storedInto(parent: AnyNode, key: string, model: FileModel): Binding | undefined {
  if (parent.type !== 'AssignmentExpression' || key !== 'right' || parent.operator !== '=') return undefined;
  const left = parent.left;
  if (left.type !== 'MemberExpression' || !left.computed || left.object.type !== 'Identifier') return undefined;
  const b = model.bindingOf.get(left.object);
  return b && b.kind !== 'param' && b.kind !== 'import' ? b : undefined;
}

/** Whether the value at `parent.key` is still what is stored (`promisify(fs[k])`, `a || fs[k]`). */
function keepsTarget(parent: AnyNode, key: string): boolean {
  return (parent.type === 'CallExpression' && key === 'arguments') || parent.type === 'LogicalExpression' || parent.type === 'ConditionalExpression' || parent.type === 'AwaitExpression';
}

const loadsCapability = memoKey<boolean>('loads a capability module');

/** Whether the file imports or requires a capability module by name: a quick test before looking for copies. */
export function loadsCapabilityModule(model: FileModel): boolean {
  return memo(model, loadsCapability, () => loadsCapabilityModuleNow(model));
}

function loadsCapabilityModuleNow(model: FileModel): boolean {
  const named = (s: string) => capabilityModules.has(s.replace(/^node:/, '').split('/')[0]!);
  if (model.imports.some((i) => named(i.source))) return true;
  return model.calls.some(({ node }) => {
    const n = node as AnyNode;
    if (n.type !== 'CallExpression' && n.type !== 'NewExpression') return false;
    const a = n.arguments[0];
    return n.callee.type === 'Identifier' && n.callee.name === 'require' && a?.type === 'Literal' && typeof a.value === 'string' && named(a.value);
  });
}

function handedOnChild(parent: AnyNode, key: string, handedOn: boolean): boolean {
  switch (parent.type) {
    case 'LogicalExpression':
    case 'AwaitExpression':
    case 'ChainExpression':
    case 'ParenthesizedExpression':
    case 'SequenceExpression':
      return handedOn;
    case 'CallExpression':
    case 'NewExpression':
      return key === 'arguments';
    case 'AssignmentExpression':
      return key === 'right';
    case 'VariableDeclarator':
      return key === 'init';
    case 'Property':
      return key === 'value';
    case 'ReturnStatement':
    case 'SpreadElement':
      return key === 'argument';
    case 'ArrayExpression':
      return key === 'elements';
    case 'ArrowFunctionExpression':
      return key === 'body';
    case 'ConditionalExpression':
      return handedOn && key !== 'test';
    default:
      return false;
  }
}

/**
 * Whether a computed key is a symbol (`Symbol('x')`, `Symbol.for('x')`, `Symbol.iterator`, or a
 * constant holding one): a symbol key reads a value a package keeps on the module
 * (graceful-fs's queue), never one of its functions.
 */
export function isSymbolKey(key: Node, model: FileModel): boolean {
  let k = key as AnyNode;
  const symbolGlobal = (n: AnyNode) => n.type === 'Identifier' && n.name === 'Symbol' && !model.bindingOf.has(n);
  const isSymbol = (n: AnyNode) =>
    n.type === 'MemberExpression' ? symbolGlobal(n.object) : n.type === 'CallExpression' && (symbolGlobal(n.callee) || (n.callee.type === 'MemberExpression' && symbolGlobal(n.callee.object)));
  if (k.type !== 'Identifier') return isSymbol(k);
  // A variable every assignment of which is a symbol, or a string stand-in for one where
  // symbols are missing (graceful-fs: `gracefulQueue = Symbol.for(…)` else `'___graceful-fs.queue'`).
  const b = model.bindingOf.get(k);
  if (!b || b.kind === 'param' || b.complexWrite || b.pattern.length > 0) return false;
  const sources = (b.init ? [b.init, ...b.writes] : b.writes) as AnyNode[];
  return sources.some(isSymbol) && sources.every((s) => isSymbol(s) || (s.type === 'Literal' && typeof s.value === 'string'));
}
