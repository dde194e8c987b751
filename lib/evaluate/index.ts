// Stage 3: a small abstract interpreter for the expressions that reach a sink. It folds
// literals, templates, `+`, path/url helpers, __dirname and import.meta, process.cwd(),
// os.tmpdir()/homedir(), process.env (bound by --env), const and single-assignment bindings,
// destructuring, aliases, conditionals and small wrapper functions. What it cannot fold is
// `unknown` with a reason and a site, never `undefined`.

import { isBuiltin } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AnyNode, ArrayExpression, CallExpression, Function as FunctionNode, Identifier, ImportExpression, Literal, LogicalExpression, MemberExpression, NewExpression, Node, ObjectExpression, Property, TemplateLiteral } from 'acorn';
import { memo, memoKey, positionOf, type Binding, type FileModel, type PatternStep } from '../parse/index.js';
import { childKeysOf, dotName, keyName } from '../parse/nodes.js';
import { isBuiltinAnywhere } from '../node-versions/api-facts.js';
import { relativeFile, siteIn } from '../site.js';
import type { Site } from '../types.js';
import { moduleTableRequire } from './module-table.js';
import { applyPath, applyUrl, newUrl } from './path-ops.js';
import { assumedDefaults, parseArgsResult } from './cli-options.js';
import { forwardingIn } from './forwarding.js';
import { argvArgs, argvValue, hasPlatformConstant, isConstantsMember, libcReport, openFlagConstant, platformFact } from './machine.js';
import { bitwiseOr, compare, equalityOperators, instanceOf, order, orderOperators, truthOf } from './truth.js';
import { constructorNode, constructorOfClass, fieldName, inheritedConstructor, staticFieldSource, thisFieldSource, thisFields } from './instance.js';
import * as returns from './returns.js';
import { walksUp, walksUpFound } from './parent-walk.js';
import { fsOnlyName } from './fs-names.js';
import { alternatives, callCurried, concat, curried, oneOf, str, unknown, type Value } from './value.js';
import type { BindingValues, CallChain, EvalEnv, EvalState, Evaluator, Folding, Frame } from './env.js';
import { ANY_MEMBER, builtinMember, capabilityIn, COPIES_PENDING, copiedInto, copyAt, copyThroughCall, hasRealMember, isSymbolKey, objectAssign } from './capability-copy.js';
import { keyCopyOf, keyListedParams } from './key-copy.js';
import { memberWritesOf, paramMemberWritesOf } from './member-writes.js';
import { describedMembers, memberUsesOf } from './member-uses.js';

export { alternatives, callCurried, concat, curried, adoptParamTokens, detachParams, exactKey, firstUnknown, oneOf, paramOf, paramTokensOf, str, unknown, valueKey } from './value.js';
export { argvArgs, LINUX_OPEN_WRITING_BITS } from './machine.js';
export { truthOf } from './truth.js';
export type { ParamToken, Unknown, Value } from './value.js';
export { paramMemberWritesOf } from './member-writes.js';
export { classAround, inheritedConstructor, instanceGetters, instanceMethods, isConstructor, constructorOfClass, methodOfThis, staticMethods, thisFieldSource } from './instance.js';
export { fsOnlyName } from './fs-names.js';
export { ANY_MEMBER, builtinMember, capabilityIn, hasRealMember, isSymbolKey, loadsCapabilityModule, memberCopyReads } from './capability-copy.js';
export { entryListers, keyCopyOf, keyListers, keysListSource, type Listers } from './key-copy.js';
export { jsonValue, MAX_JSON_DATA_BYTES } from './json-data.js';
import { parsedJson } from './json-data.js';
export type { BindingValues, CallChain, EvalEnv, EvalHooks, EvalState, Folding, Frame, RunFacts } from './env.js';

/** A fresh EvalState for one run. */
export function newEvalState(): EvalState {
  // Kept on each file's model (lib/parse memo), so it goes with the file.
  return { bindingCache: memoKey('binding values'), fieldBranches: memoKey('field branches'), foldCuts: { cycles: 0, depth: 0 }, fuel: { left: EVALUATION_FUEL }, traces: { count: 0 } };
}


function isFolding(folding: Folding | undefined, b: Binding): boolean {
  for (let f = folding; f; f = f.outer) if (f.binding === b) return true;
  return false;
}

/** How deep one fold may nest (frames): past it a value is unknown (`depth-limit`), and a call of it is reported (lib/detect/fold-cut.ts). */
export const MAX_DEPTH = 40;

/** Canonical form of a built-in specifier: `node:fs/promises` → module `fs`, path `promises`. */
function builtinValue(specifier: string): Value | undefined {
  // `node:sqlite` is a built-in of the target even where the Node running the analysis lacks it.
  if (!isBuiltin(specifier) && !isBuiltinAnywhere(specifier)) return undefined;
  const [module, ...rest] = specifier.replace(/^node:/, '').split('/');
  return { k: 'builtin', module: module!, path: rest };
}

/** Whether a built-in reference is a whole module (`fs`, or `fs.promises`, which is `fs/promises`), not one of its members. */
function isWholeBuiltinModule(v: Value & { k: 'builtin' }): boolean {
  const sub = `${v.module}/${v.path[0]}`;
  return v.path.length === 0 || (v.path.length === 1 && (isBuiltin(sub) || isBuiltinAnywhere(sub)));
}

/**
 * The site of `node`, in the frame's file. It depends on nothing else, so the evaluator asks
 * for it only where a value or an assumption records it (an unknown, mostly), not for every
 * node it evaluates: most evaluated nodes are identifiers and members that fold to known values.
 */
export function siteOf(frame: Frame, env: EvalEnv, node: Node): Site {
  // Relate the file to the root once per file.
  const model = frame.model;
  model.relative ??= relativeFile(env.facts.root, model.file);
  return siteIn(model.relative, positionOf(model, node.start));
}

/**
 * Evaluation steps one file's examination, or one replay of a summary, may take (EvalState.fuel).
 * The most any file of eslint's tree takes is about 26,000 (measured 2026-12-06); a shape that
 * multiplies folding (found: this project's own tree, through helpers returning paths into
 * each other) ran for minutes before this bound.
 */
export const EVALUATION_FUEL = 2_000_000;

/**
 * Evaluation steps taken in this thread since it loaded the evaluator, every analysis together:
 * the work the analysis does, counted as it does it (test/hostile-input.test.ts bounds the steps
 * per file of this repository's own analysis by it, where a wall-clock bound on a growing tree
 * was a flaky test). One increment per step, beside the fuel's decrement.
 */
export const evaluationSteps = { count: 0 };

export function evaluate(node: Node | null | undefined, frame: Frame, env: EvalEnv): Value {
  if (!node) return { k: 'nullish' };
  evaluationSteps.count++;
  const n = node as AnyNode;
  if (frame.depth > MAX_DEPTH || (env.state !== undefined && --env.state.fuel.left < 0)) {
    if (env.state) env.state.foldCuts.depth++;
    return unknown('depth-limit', siteOf(frame, env, n));
  }
  // Identifiers (half of the evaluated nodes) and literals evaluate nothing below them in a
  // deeper frame: no frame is made for them (a binding's fold makes its own, one level deeper).
  if (n.type === 'Identifier') return identifier(n, frame, env);
  if (n.type === 'Literal') {
    if (typeof n.value === 'string') return str(n.value);
    if (typeof n.value === 'number') return { k: 'num', v: n.value };
    if (typeof n.value === 'boolean') return { k: 'bool', v: n.value };
    if (n.value === null) return { k: 'nullish' };
    return unknown('not-a-string', siteOf(frame, env, n));
  }
  // Written out rather than spread: this runs for most evaluated nodes, and copying the frame
  // with `...` was the costliest line of the evaluator.
  const deeper: Frame = { model: frame.model, params: frame.params, depth: frame.depth + 1, folding: frame.folding, calls: frame.calls };
  // Sub-expressions are evaluated with `evaluate(x, deeper, env)` rather than through a local
  // helper closure: one closure per evaluated node was measurable, and under tsx (which names
  // every named closure at creation, esbuild's keepNames) it was a large part of the run.
  // The cases come by how often they are met on eslint's tree (members are a quarter of all
  // evaluated nodes): the switch compares the type with each case in turn.

  switch (n.type) {
    case 'MemberExpression':
      return memberExpression(n, frame, deeper, env);
    case 'CallExpression':
      return generatedFunction(n, frame.model) ?? call(n, deeper, env, siteOf(frame, env, n));
    case 'ObjectExpression':
      return objectExpression(n, frame, deeper, env);
    case 'ArrayExpression':
      return arrayExpression(n, frame, deeper, env);
    case 'BinaryExpression':
      if (n.operator === '+') return concat(evaluate(n.left, deeper, env), evaluate(n.right, deeper, env), siteOf(frame, env, n));
      if (equalityOperators.has(n.operator)) return compare(n.operator, evaluate(n.left, deeper, env), evaluate(n.right, deeper, env), siteOf(frame, env, n));
      if (orderOperators.has(n.operator)) return order(n.operator, evaluate(n.left, deeper, env), evaluate(n.right, deeper, env), siteOf(frame, env, n));
      if (n.operator === 'instanceof') return instanceOf(evaluate(n.left, deeper, env), evaluate(n.right, deeper, env), siteOf(frame, env, n));
      if (n.operator === '|') return bitwiseOr(evaluate(n.left, deeper, env), evaluate(n.right, deeper, env), siteOf(frame, env, n));
      return unknown('unsupported-expression', siteOf(frame, env, n));
    case 'UnaryExpression': {
      if (n.operator === 'typeof') return typeOf(n.argument, deeper, env) ?? unknown('unsupported-expression', siteOf(frame, env, n));
      if (n.operator !== '!') return unknown('unsupported-expression', siteOf(frame, env, n));
      const truth = truthOf(evaluate(n.argument, deeper, env));
      return truth === undefined ? unknown('unsupported-expression', siteOf(frame, env, n)) : { k: 'bool', v: !truth };
    }
    case 'NewExpression':
      return newExpression(n, frame, deeper, env);
    case 'FunctionDeclaration': // `export function f` and `export default function` name the declaration
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      return { k: 'fn', node: n, model: frame.model };
    case 'ConditionalExpression': {
      // A test that folds (`process.platform === 'win32' ? … : …`) picks its arm; else either may run.
      const truth = truthOf(evaluate(n.test, deeper, env));
      if (truth !== undefined) return evaluate(truth ? n.consequent : n.alternate, deeper, env);
      return oneOf([evaluate(n.consequent, deeper, env), evaluate(n.alternate, deeper, env)], siteOf(frame, env, n));
    }
    case 'LogicalExpression':
      return logical(n, deeper, env, siteOf(frame, env, n));
    case 'TemplateLiteral':
      return templateLiteral(n, frame, deeper, env);
    case 'SequenceExpression':
      return evaluate(n.expressions[n.expressions.length - 1], deeper, env);
    // `module.exports = mkdirP.mkdirp = mkdirP`: a plain assignment's value is its right side.
    case 'AssignmentExpression':
      return n.operator === '=' ? evaluate(n.right, deeper, env) : unknown('unsupported-expression', siteOf(frame, env, n));
    case 'AwaitExpression':
    case 'ChainExpression':
    case 'ParenthesizedExpression':
      return evaluate(n.type === 'AwaitExpression' ? n.argument : n.expression, deeper, env);
    case 'ImportExpression':
      return dynamicImport(n, frame, deeper, env);
    case 'ClassDeclaration':
    case 'ClassExpression': {
      // A class stands for its constructor, so `new C(dir)` from another module binds its parameters.
      // One with no constructor of its own constructs with its parent's (`extends`).
      const ctor = constructorNode(n);
      if (ctor !== n) return { k: 'fn', node: ctor, model: frame.model };
      return n.superClass ? evaluate(n.superClass, deeper, env) : unknown('unsupported-expression', siteOf(frame, env, n));
    }
    case 'MetaProperty':
      return { k: 'global', path: ['import.meta'] };
    default:
      return unknown('unsupported-expression', siteOf(frame, env, n));
  }
}

// No case of `evaluate` makes a closure: a function that makes one, even in a branch it rarely
// takes, allocates a context for what the closure captures on every call (V8), and `evaluate`
// runs for every evaluated node (about 8 MB of contexts per analysis of eslint's tree).

/** `[a, b]`: each element's value; a spread or a hole is unknown. */
function arrayExpression(n: ArrayExpression, frame: Frame, deeper: Frame, env: EvalEnv): Value {
  const items: Value[] = new Array(n.elements.length);
  for (let i = 0; i < n.elements.length; i++) {
    const e = n.elements[i];
    items[i] = e && e.type !== 'SpreadElement' ? evaluate(e, deeper, env) : unknown('unsupported-expression', siteOf(frame, env, n));
  }
  return { k: 'arr', items };
}

/** `` `${a}/b` ``: the quasis and expressions concatenated in turn. */
function templateLiteral(n: TemplateLiteral, frame: Frame, deeper: Frame, env: EvalEnv): Value {
  const site = siteOf(frame, env, n);
  let acc: Value = str(n.quasis[0]!.value.cooked ?? '');
  for (let i = 0; i < n.expressions.length; i++) {
    acc = concat(acc, evaluate(n.expressions[i], deeper, env), site);
    acc = concat(acc, str(n.quasis[i + 1]!.value.cooked ?? ''), site);
  }
  return acc;
}

/**
 * `{ db: this }` in a class's constructor or method (nedb's `new Persistence({ db: this })`): the
 * instance handed on, as an object of the fields its constructor alone stores (thisFields), any
 * other member unknown. A field whose stored expression holds `this` is left unknown: folding it
 * would build the instance again inside itself. A field written in branches keeps the parts that
 * wait for the constructor's callers (their replays bind them).
 */
function instanceHandedOn(value: Node, frame: Frame, env: EvalEnv): Value | undefined {
  const thisNode = value.type === 'ThisExpression' ? value : aliasOfThis(frame.model, value);
  const fields = thisNode && thisFields(frame.model, thisNode);
  if (!fields) return undefined;
  const site = siteOf(frame, env, value);
  const props = new Map<string, Value>();
  for (const [name, sources] of fields) {
    if (sources.some(holdsThis)) continue;
    const field = sources.length === 1 ? evaluate(sources[0]!, frame, env) : fieldBranches(sources, frame, env, site);
    if (field) props.set(name, field);
  }
  return { k: 'obj', props, rest: unknown('unsupported-expression', site) };
}

/** The key fieldBranches remembers values folded with no parameter bound under. */
const NO_PARAMS: object = Object.freeze({});

/**
 * The value of a field its constructor writes in several branches, where the instance is handed
 * on as data (`{ db: this }`): one of the values, when each folds or waits for the constructor's
 * callers (a `parameter`, which their replays bind). The branches are folded once per instance
 * (the parameter bindings of the frame) and remembered; a field met again inside its own folding
 * is unknown there. Not where the class reads its own field (`this.filename` in a method): folded
 * at every such read, the branches multiplied the evaluation (this repository's own sources,
 * test/hostile-input.test.ts), and a field read in place stays as before.
 */
function fieldBranches(sources: readonly Node[], frame: Frame, env: EvalEnv, site: Site): Value | undefined {
  const byInstance = env.state ? memo(frame.model, env.state.fieldBranches, () => new WeakMap<object, Map<Node, readonly Value[] | null>>()) : undefined;
  const owner = frame.params ?? NO_PARAMS;
  let known = byInstance?.get(owner);
  if (byInstance && !known) byInstance.set(owner, (known = new Map()));
  let values = known?.get(sources[0]!);
  if (values === null) return undefined;
  if (values === undefined) {
    known?.set(sources[0]!, null);
    values = sources.map((n) => evaluate(n, frame, env));
    known?.set(sources[0]!, values);
  }
  if (values.some((v) => alternatives(v).some((a) => a.k === 'unknown' && a.reason !== 'parameter'))) return undefined;
  return oneOf([...values], site);
}

/** Whether an expression has `this` anywhere in it (a field stored from it may hold the instance). */
function holdsThis(node: Node): boolean {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const n = stack.pop();
    if (!n || typeof n !== 'object') continue;
    if (Array.isArray(n)) {
      for (const item of n) stack.push(item);
      continue;
    }
    const t = (n as { type?: unknown }).type;
    if (t === 'ThisExpression') return true;
    if (typeof t !== 'string') continue;
    for (const key of childKeysOf(n as AnyNode)) stack.push((n as unknown as Record<string, unknown>)[key]);
  }
  return false;
}

/** The `this` an identifier stands for: `var self = this`, never reassigned. */
function aliasOfThis(model: FileModel, id: Node): Node | undefined {
  if (id.type !== 'Identifier') return undefined;
  const b = model.bindingOf.get(id);
  return b?.init?.type === 'ThisExpression' && b.writes.length === 0 && b.pattern.length === 0 ? b.init : undefined;
}

/** `a.b`, `a[k]`: a field a constructor or static initialiser stored, a modelled property, or the member of the object's value. */
function memberExpression(n: MemberExpression, frame: Frame, deeper: Frame, env: EvalEnv): Value {
  // `this.root` in a class's method: what its constructor stored there, if that is one thing.
  // `self.root` where `const self = this` (in a nested function too): the same.
  const thisNode = n.computed ? undefined : n.object.type === 'ThisExpression' ? n.object : aliasOfThis(frame.model, n.object);
  if (thisNode) {
    const source = thisFieldSource(frame.model, thisNode, fieldName(n.property));
    if (source) return evaluate(source, deeper, env);
  }
  // `Store.root`: a static field's initialiser.
  if (!n.computed && n.object.type === 'Identifier') {
    const b = frame.model.bindingOf.get(n.object);
    const source = b && (b.kind === 'class' || b.init?.type === 'ClassExpression') ? staticFieldSource(b, fieldName(n.property)) : undefined;
    if (source) return evaluate(source, deeper, env);
  }
  // `yargs(…).option(…).argv`: a property a package model says is the command-line options.
  if (!n.computed && env.hooks.parserOptions?.names.has(dotName(n))) {
    const modelled = env.hooks.parserOptions.value(frame.model, n.object, dotName(n), 'property', siteOf(frame, env, n));
    if (modelled) return modelled;
  }
  // `module.exports.wrap` in its own module (`module.exports` itself is no value the evaluator keeps).
  if (!n.computed && isModuleExportsNode(n.object, frame.model)) {
    const own = ownExportedFunction(dotName(n), frame);
    if (own) return own;
  }
  const object = evaluate(n.object, deeper, env);
  if (object.k === 'unknown' && !n.computed && env.hooks.fieldValue?.last.has(dotName(n))) {
    const chain = propertyChain(n);
    const handed = chain === undefined ? undefined : env.hooks.fieldValue.value(frame.model, chain, siteOf(frame, env, n));
    if (handed) return handed;
  }
  if (n.computed) return isSymbolKey(n.property, frame.model) ? unknown('computed-member', siteOf(frame, env, n)) : computedMember(object, evaluate(n.property, deeper, env), deeper, env, n);
  // `this.fileSystem.readFileSync`: a file system kept on an instance, which the analysis
  // cannot tell, read by a name only fs has, is that fs function wherever it is handed
  // (enhanced-resolve's CachedInputFileSystem). Not any unknown object's: graceful-fs
  // keeps the method of the fs copy it patches (`const orig = target.readFile`) to call
  // from its replacement, whose callers are checked as fs calls already.
  if (object.k === 'unknown' && keptOnInstance(n.object) && fsOnlyName(dotName(n))) return { k: 'builtin', module: 'fs', path: [dotName(n)] };
  return member(object, dotName(n), deeper, env, n);
}

/** `{ … }`: its properties' values, and what it copies from a capability module or spreads in. */
function objectExpression(n: ObjectExpression, frame: Frame, deeper: Frame, env: EvalEnv): Value {
  const props = new Map<string, Value>();
  let copyOf: (Value & { k: 'builtin' }) | undefined;
  let spreads: Value[] | undefined;
  for (const p of n.properties) {
    // `{ ...fs, x }` copies fs: the members it does not set are fs's. Another module's exports
    // spread in (`...require('./copy')`) may set members too (fs-extra's index).
    if (p.type === 'SpreadElement') {
      const spread = evaluate(p.argument, deeper, env);
      const capability = capabilityIn([spread]);
      if (capability) copyOf = capability;
      // A value the analysis cannot see (`...opts` from an unknown caller) may set any member.
      else if (spread.k === 'module' || spread.k === 'obj' || spread.k === 'unknown') (spreads ??= []).push(spread);
      if (props.size > 0 && !capability) overrideBySpread(props, spread, siteOf(frame, env, n));
    }
    if (p.type !== 'Property' || p.computed) continue;
    const key = p.key.type === 'Identifier' ? p.key.name : String((p.key as Literal).value);
    // `{ __proto__: proto }` sets the prototype, not a member (graceful-fs's clone starts so and
    // fills the object from fs by key): the object stays empty, as a copy in the making.
    if (key === '__proto__' && p.kind === 'init' && !p.shorthand && !p.method) continue;
    // A method written in shorthand (`create(name) { … }`) is a function value like `create:
    // function (name) { … }`, so a caller's arguments bind it (istanbul-reports' `create`);
    // only a getter or setter runs on a read or write, which no call names: a getter's member is
    // what it returns (`get f() { return lib.r }`), when that folds.
    if (p.kind === 'get') props.set(key, getterValue(p.value, deeper, env, siteOf(frame, env, n)));
    else if (p.kind !== 'init') props.set(key, unknown('unsupported-expression', siteOf(frame, env, n)));
    else props.set(key, instanceHandedOn(p.value, deeper, env) ?? evaluate(p.value, deeper, env));
  }
  return { k: 'obj', props, ...(copyOf ? { copyOf: copyAt(copyOf, siteOf(frame, env, n)) as Value & { k: 'builtin' } } : {}), ...(spreads ? { spreads } : {}) };
}

/**
 * What reading a member defined by getter `fn` gives: what the getter returns, folded as a call
 * with no arguments; unknown as before when it does not fold (a getter of `this._x`).
 */
export function getterValue(fn: Node, frame: Frame, env: EvalEnv, site: Site): Value {
  const value = returnValueWith({ node: fn, model: frame.model }, [], env, site, frame.depth, frame.params, frame.calls);
  return value.k === 'unknown' ? unknown('unsupported-expression', site) : value;
}

/** `x.defineProperty` or `x.defineProperties` by name: a quick test before definedObject (this runs for every call evaluated). */
function definesByName(callee: AnyNode): boolean {
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return false;
  const name = callee.property.name;
  return name === 'defineProperty' || name === 'defineProperties';
}

/**
 * `Object.defineProperty(target, 'f', descriptor)` or `Object.defineProperties(target, { f:
 * descriptor })` with a literal target (`Object.defineProperties({}, …)`): the object with each
 * member the descriptors define, a `value` or what a getter returns.
 */
function definedObject(n: CallExpression, frame: Frame, env: EvalEnv, site: Site): Value | undefined {
  const many = isGlobalMember(n.callee, frame, 'Object', 'defineProperties');
  if (!many && !isGlobalMember(n.callee, frame, 'Object', 'defineProperty')) return undefined;
  const members = describedMembers(n.arguments as Node[], many);
  const target = members && evaluate(n.arguments[0], frame, env);
  if (target?.k !== 'obj') return undefined;
  const props = new Map(target.props);
  for (const { name, value, getter } of members!) props.set(name, getter ? getterValue(value, frame, env, site) : evaluate(value, frame, env));
  return { ...target, props };
}

/** `new X(…)`: a URL, a Module instance, a vm.Script from code that did not fold, else an unknown result. */
function newExpression(n: NewExpression, frame: Frame, deeper: Frame, env: EvalEnv): Value {
  const made = generatedFunction(n, frame.model);
  if (made) return made;
  const site = siteOf(frame, env, n);
  const callee = evaluate(n.callee, deeper, env);
  if (callee.k === 'global' && callee.path.join('.') === 'URL') return newUrl(argumentValues(n, deeper, env), site);
  if (callee.k === 'builtin' && callee.module === 'url' && callee.path.join('.') === 'URL') return newUrl(argumentValues(n, deeper, env), site);
  // `new Module(id)` (require-from-string, import-fresh): an instance, so `m._compile(code)`
  // and `m.require(x)` reach the detectors as module.prototype._compile / .require. Its `cause`
  // says what such a require resolves from: the file name the instance has at run time, which
  // the analysis does not follow (lib/detect/module.ts instanceRequire).
  if (callee.k === 'builtin' && callee.module === 'module' && (callee.path.length === 0 || callee.path.join('.') === 'Module')) return { k: 'builtin', module: 'module', path: ['prototype'], cause: unknown('module-instance', site) };
  // `new vm.Script(code)` from code that did not fold: its runs are reported where they happen.
  if (callee.k === 'builtin' && callee.module === 'vm' && callee.path.join('.') === 'Script' && !frame.model.generated?.has(n)) {
    return { k: 'builtin', module: 'vm', path: ['Script', 'prototype'], cause: unknown('generated-code', site) };
  }
  return unknown('call-result', site);
}

/**
 * `new Function('m', 'return import(m)')` (or compileFunction) whose strings the parse stage
 * folded: the function parsed from them, so its callers bind its parameters like any function's.
 */
function generatedFunction(n: Node, model: FileModel): Value | undefined {
  const code = model.generated?.get(n);
  return code?.kind === 'function' ? { k: 'fn', node: code.root, model } : undefined;
}

/**
 * `req.file.path` → `file.path`: the properties read from a variable, an index left out
 * (`req.files[0].path` → `files.path`); undefined when the chain has another computed member or
 * does not start at a variable.
 */
function propertyChain(n: MemberExpression): string | undefined {
  const names: string[] = [];
  let m: AnyNode = n;
  for (; m.type === 'MemberExpression'; m = m.object) {
    if (!m.computed) names.push(dotName(m));
    else if (!(m.property.type === 'Literal' && typeof m.property.value === 'number')) return undefined;
  }
  return m.type === 'Identifier' ? names.reverse().join('.') : undefined;
}

/** The values of a call's arguments, in order. */
function argumentValues(n: CallExpression | NewExpression, frame: Frame, env: EvalEnv): Value[] {
  return valuesOf(n.arguments, frame, env);
}

/** The values of `nodes`, in order (a loop: a map's closure would cost a context per call). */
function valuesOf(nodes: readonly Node[], frame: Frame, env: EvalEnv): Value[] {
  // Made at its length: pushing onto an empty list allocates room for 17 (V8).
  const values: Value[] = new Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) values[i] = evaluate(nodes[i]!, frame, env);
  return values;
}

/**
 * `typeof x` when the value tells it: esbuild's `__require` is
 * `typeof require !== "undefined" ? require : …`, which is `require` in CommonJS (and in an ES
 * module that defines `require` with createRequire) and not in a plain ES module.
 */
function typeOf(argument: AnyNode, frame: Frame, env: EvalEnv): Value | undefined {
  if (argument.type === 'Identifier' && argument.name === 'require' && frame.model.kind === 'esm' && !frame.model.bindingOf.get(argument)) return str('undefined');
  const value = evaluate(argument, frame, env);
  const kinds: Partial<Record<Value['k'], string>> = { require: 'function', fn: 'function', str: 'string', num: 'number', bool: 'boolean', nullish: 'undefined', obj: 'object', arr: 'object' };
  const name = kinds[value.k];
  return name === undefined ? undefined : str(name);
}

function logical(n: LogicalExpression, frame: Frame, env: EvalEnv, site: Site): Value {
  const left = evaluate(n.left, frame, env);
  if (n.operator === '&&') return left.k === 'nullish' || (left.k === 'bool' && !left.v) ? left : evaluate(n.right, frame, env);
  // `a || b` / `a ?? b`: a known non-empty string wins; an unknown could be either side.
  const out: Value[] = [];
  for (const alt of alternatives(left)) {
    if (alt.k === 'nullish' || (n.operator === '||' && ((alt.k === 'str' && alt.v === '') || (alt.k === 'bool' && !alt.v)))) out.push(evaluate(n.right, frame, env));
    else if (alt.k === 'unknown' && unsetPerUserFolder(alt, env, site)) out.push(evaluate(n.right, frame, env));
    else if (alt.k === 'unknown') out.push(alt, evaluate(n.right, frame, env));
    else out.push(alt);
  }
  return oneOf(out, site);
}

/**
 * Variables that only move a per-user folder away from its default (XDG base directories, the
 * Windows profile folders): `process.env.XDG_CONFIG_HOME || path.join(home, '.config')` with the
 * variable unbound is taken to be the default, the variable assumed unset (the report lists the
 * assumption; `--env` binds it otherwise).
 */
const perUserFolderVariables = new Set(['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME', 'APPDATA', 'LOCALAPPDATA']);

function unsetPerUserFolder(u: Value & { k: 'unknown' }, env: EvalEnv, site: Site): boolean {
  if (u.reason !== 'env-unbound' || !u.name || !perUserFolderVariables.has(u.name)) return false;
  env.hooks.assume({ kind: 'env', name: u.name, value: '', unset: true, site });
  return true;
}

/** Globals and members a detector or the evaluator knows; everything else read from a global is unknown. */
const globalReferences = new Set([
  'process.cwd',
  'process.chdir',
  'process.dlopen',
  'process.loadEnvFile',
  'process.getBuiltinModule',
  'process.report',
  'process.binding',
  'process.report.getReport',
  'process.report.writeReport',
  'module.createRequire',
  'import.meta.resolve',
  'module.require',
  'Reflect.apply',
  'process.mainModule',
  'process.mainModule.require',
  'module.constructor',
  'module.constructor._load',
  'module.constructor.prototype',
  'module.constructor.prototype.require',
  'module.constructor.prototype._compile',
]);

// `eval`, `Function` and `Reflect` are references so the code they run or the function they
// apply can be found (lib/detect/generated-code.ts, lib/detect/index.ts).
const globalNames = new Set(['process', 'require', 'module', 'exports', 'globalThis', 'fetch', 'WebSocket', 'URL', 'Buffer', 'EventSource', 'eval', 'Function', 'Reflect']);

function identifier(n: Identifier, frame: Frame, env: EvalEnv): Value {
  const binding = frame.model.bindingOf.get(n);
  if (!binding) {
    const file = frame.model.file;
    if (frame.model.kind === 'cjs' && n.name === '__dirname') return str(path.dirname(file));
    if (frame.model.kind === 'cjs' && n.name === '__filename') return str(file);
    if (n.name === 'require' && frame.model.kind === 'cjs') return { k: 'require', base: file, path: [] };
    if (n.name === 'undefined') return { k: 'nullish' };
    if (globalNames.has(n.name)) return { k: 'global', path: [n.name] };
    return unknown('global', siteOf(frame, env, n), n.name);
  }
  return bindingValue(binding, frame, env, n);
}

const newBindingValues = () => new Map<Binding, BindingValues>();

/** A remembered value of `b` that holds at `depth`; reusing one cut by depth counts as that cut again, for the folds enclosing it. */
function rememberedValue(cache: Map<Binding, BindingValues>, b: Binding, depth: number, cuts: { depth: number }): Value | undefined {
  const entry = cache.get(b);
  if (!entry) return undefined;
  if (entry.complete && depth <= entry.complete.depth) return entry.complete.value;
  const cut = entry.byDepth?.get(depth);
  if (cut) cuts.depth++;
  return cut;
}

function remember(cache: Map<Binding, BindingValues>, b: Binding, depth: number, value: Value, cutByDepth: boolean): void {
  let entry = cache.get(b);
  if (!entry) cache.set(b, (entry = {}));
  if (!cutByDepth) {
    if (!entry.complete || entry.complete.depth < depth) entry.complete = { value, depth };
  } else (entry.byDepth ??= new Map()).set(depth, value);
}

/** The value of binding `b` read at node `at` (whose site an unknown records). */
function bindingValue(b: Binding, frame: Frame, env: EvalEnv, at: Node): Value {
  switch (b.kind) {
    case 'param':
      return paramValue(b, frame, env, at);
    case 'import': {
      const builtin = builtinValue(b.importSource!);
      if (builtin && builtin.k === 'builtin') {
        return b.importName === 'default' || b.importName === '*' ? builtin : { ...builtin, path: [...builtin.path, b.importName!] };
      }
      // `import x from` reads the default export; `import * as ns` is the namespace itself.
      const path_ = b.importName === '*' ? [] : [b.importName!];
      return imported({ k: 'module', specifier: b.importSource!, from: frame.model.file, path: path_ }, env);
    }
    case 'function':
      return { k: 'fn', node: b.fn!, model: frame.model };
    case 'class': {
      const ctor = constructorOfClass(b);
      if (ctor && ctor.type !== 'ClassDeclaration' && ctor.type !== 'ClassExpression') return { k: 'fn', node: ctor, model: frame.model };
      // A class with no constructor of its own constructs with its parent's, with the same arguments.
      const parent = ctor && inheritedConstructor(ctor);
      return parent ? evaluate(parent, { model: frame.model, params: frame.params, depth: frame.depth + 1, folding: frame.folding, calls: frame.calls }, env) : unknown('unsupported-expression', siteOf(frame, env, at), b.name);
    }
    case 'catch':
      return unknown('unsupported-expression', siteOf(frame, env, at), b.name);
    default:
      return variableValue(b, frame, env, at);
  }
}

/** The value of parameter `b`: what the frame binds it to, else unknown (a `parameter` its callers may bind). */
function paramValue(b: Binding, frame: Frame, env: EvalEnv, at: Node): Value {
  // Inside a body lib/evaluate/returns.ts follows statement by statement, the parameter's
  // value already is the one its assignments left (they are tracked there; it stops at a write
  // it cannot follow).
  const tracked = frame.calls !== undefined && frame.calls.fn === b.fn;
  const given = frame.params?.get(b);
  const open = (): Value => ({ k: 'unknown', reason: 'parameter', site: siteOf(frame, env, at), name: b.name, param: b });
  // Elsewhere, written by `({ p } = f(p))`, `[p] = …`, `p += …`, it may not be the value its
  // caller gave (write-pkg's sanitize), and what it becomes is not followed: unknown beside it
  // (cp-file's rewrite runs only under an option its callers may not give).
  if (b.complexWrite && !tracked) return oneOf([given ?? open(), unknown('reassigned', siteOf(frame, env, at), b.name)], siteOf(frame, env, at));
  let bound: Value = given ?? open();
  // A parameter the function hands, one folder up, to itself: every folder above it too (parent-walk.ts).
  if (given && given.k !== 'unknown' && walksUpFrom(b, frame, env)) {
    bound = oneOf([given, unknown('parent-walk', siteOf(frame, env, at), b.name)], siteOf(frame, env, at));
  }
  return b.writes.length > 0 && !tracked ? withAssignments(b, bound, frame, env, at) : bound;
}

/** walksUp with the frame's evaluation (a closure of its own, so paramValue makes none). */
function walksUpFrom(b: Binding, frame: Frame, env: EvalEnv): boolean {
  return walksUpFound(frame.model, b) ?? walksUp(frame.model, b, (n, params) => evaluate(n, { model: frame.model, params, depth: frame.depth + 1 }, env));
}

/** The value of a variable (const, let, var): its initialiser and writes, folded and remembered (BindingValues). */
function variableValue(b: Binding, frame: Frame, env: EvalEnv, at: Node): Value {
  if (b.complexWrite) return unknown('reassigned', siteOf(frame, env, at), b.name);
  if (b.loopVariable) return unknown('loop-variable', siteOf(frame, env, at), b.name);
  const count = (b.init ? 1 : 0) + b.writes.length;
  if (count === 0) return { k: 'nullish' };
  if (count > 4) return unknown('reassigned', siteOf(frame, env, at), b.name);
  // `p = p.map(f)` makes p's value depend on itself. Folding it again at every read of p
  // re-folds every write, which is exponential in the writes (three such lines ran for
  // minutes; found by test/fuzz.test.ts), so a binding met again inside its own folding is
  // unknown there.
  if (isFolding(frame.folding, b)) {
    if (env.state) env.state.foldCuts.cycles++;
    return unknown('reassigned', siteOf(frame, env, at), b.name);
  }
  // Without bound parameters, the value depends on the code and on the cuts (BindingValues).
  const cuts = env.state?.foldCuts;
  const cache = env.state && !frame.params?.size ? memo(frame.model, env.state.bindingCache, newBindingValues) : undefined;
  const cached = cache && rememberedValue(cache, b, frame.depth, cuts!);
  if (cached) return cached;
  const cyclesBefore = cuts ? cuts.cycles : 0;
  const depthCutsBefore = cuts ? cuts.depth : 0;
  // One level below the frame the identifier was read in (evaluate makes no frame for it).
  const inner: Frame = { model: frame.model, params: frame.params, depth: frame.depth + 1, folding: { binding: b, outer: frame.folding }, calls: frame.calls };
  let value = sourcesValue(b, frame, inner, env, at);
  if (value.k === 'obj') value = withMemberWrites(b, value, inner, env, siteOf(frame, env, at));
  // `const out = {}` filled member by member from fs (`out[k] = promisify(fs[k])`): a copy of fs.
  let provisional = false;
  if (value.k === 'obj' && value.props.size === 0 && !value.copyOf && !value.spreads) {
    const capability = filledCopy(b, frame, env);
    if (capability === COPIES_PENDING) provisional = true;
    else if (capability) value = { ...value, copyOf: capability };
  }
  // A cycle through the binding itself is the code's; one through an enclosing fold is not.
  if (!provisional && cache && cuts && (!frame.folding || cuts.cycles === cyclesBefore)) {
    remember(cache, b, frame.depth, value, cuts.depth !== depthCutsBefore);
    if (env.state) env.state.traces.count++;
  }
  return value;
}

/**
 * An object a variable holds, with each member the file writes on it (`o.m = v`) also that value:
 * a read may come after the write, and a member the object lacked is no longer undefined then.
 * Where the write stands is not followed, so the read is the literal's value or any written one.
 */
function withMemberWrites(b: Binding, value: Value & { k: 'obj' }, inner: Frame, env: EvalEnv, site: Site): Value {
  const writes = memberWritesOf(inner.model).get(b);
  const uses = memberUsesOf(inner.model, b);
  if (!writes && !uses.escapes && uses.written.length === 0 && uses.unseen.size === 0) return value;
  const props = new Map(value.props);
  const add = (name: string, v: Value) => props.set(name, oneOf([props.get(name) ?? value.rest ?? { k: 'nullish' }, v], site));
  for (const w of writes ?? []) add(w.left.property.name, evaluate(w.right, inner, env));
  // Written by a literal key or `??=` (member-uses.ts): that value too; in a form not folded: unknown too.
  for (const w of uses.written) add(w.name, w.getter ? getterValue(w.value, inner, env, site) : evaluate(w.value, inner, env));
  for (const name of uses.unseen) add(name, unknown('reassigned', site, `${b.name}.${name}`));
  for (const h of uses.handed) writtenByCallee(h.call as CallExpression, h.index, inner, env, site, add, (name) => value.props.has(name));
  // Handed where it may be filled unseen: a member it lacks is not known to be undefined.
  if (!uses.escapes || value.rest) return { ...value, props };
  return { ...value, props, rest: unknown('reassigned', site, b.name) };
}

/**
 * What the function an object is handed to writes onto it (`setD(d)`, `function setD(o) { o.file
 * = p1 }`): each value, folded with the call's arguments bound to the callee's parameters. A
 * built-in or an unknown callee writes nothing the analysis can tell (`spawn(cmd, opts)` leaves
 * `opts.cwd` the literal's). silent-17: the literal's value alone was read, the written one
 * denied with nothing said.
 */
function writtenByCallee(call: CallExpression, index: number, frame: Frame, env: EvalEnv, site: Site, add: (name: string, v: Value) => void, has: (name: string) => boolean): void {
  const callee = evaluate(call.callee, frame, env);
  // Another module's function: the names it writes there (its export table says), whose values are
  // not folded here. A member the literal lacks is unknown already (the object escapes).
  if (callee.k === 'module') {
    for (const name of env.hooks.paramWritesOf?.(callee.specifier, callee.from, callee.path, index) ?? []) if (has(name)) add(name, unknown('reassigned', site, name));
    return;
  }
  if (callee.k !== 'fn') return;
  const param = callee.model.params.get(callee.node)?.[index];
  const writes = param && paramMemberWritesOf(callee.model).get(param);
  if (!writes) return;
  const declared = callee.model.params.get(callee.node) ?? [];
  // The object's own parameter is what the caller's read asks about: unknown there, not a parameter to follow.
  const params = new Map<Binding, Value>();
  declared.forEach((p, i) => {
    const arg = call.arguments[i];
    if (!p) return;
    if (p === param || arg?.type === 'SpreadElement') params.set(p, unknown('reassigned', site, p.name));
    else params.set(p, arg ? evaluate(arg, frame, env) : { k: 'nullish' });
  });
  const inner: Frame = { model: callee.model, params, depth: frame.depth + 1, calls: frame.calls };
  for (const w of writes) add(w.left.property.name, evaluate(w.right, inner, env));
}

/**
 * What `b`'s initialiser and plain writes give it, as one value. Most variables have an
 * initialiser alone, whose value is taken as it is, with no list made (nor a closure: a map's
 * would cost a context on every read of a variable).
 */
function sourcesValue(b: Binding, frame: Frame, inner: Frame, env: EvalEnv, at: Node): Value {
  const first = b.init ? initialValue(b, b.init, frame, inner, env, at) : evaluate(b.writes[0], inner, env);
  const from = b.init ? 0 : 1;
  if (b.writes.length === from && first.k !== 'oneOf') return first;
  const values = [first];
  for (let i = from; i < b.writes.length; i++) values.push(evaluate(b.writes[i], inner, env));
  return oneOf(values, siteOf(frame, env, at));
}

/** The part of its initialiser `init` that variable `b` is (its destructuring pattern applied). */
function initialValue(b: Binding, init: Node, frame: Frame, inner: Frame, env: EvalEnv, at: Node): Value {
  // `const { argv } = yargs(…)`: the property a parser model names, taken from the initialiser.
  const first = b.pattern[0];
  const parsed = first && 'key' in first && env.hooks.parserOptions?.names.has(first.key) ? env.hooks.parserOptions.value(frame.model, init, first.key, 'property', siteOf(frame, env, at)) : undefined;
  if (parsed) return applyPattern(parsed, b.pattern.slice(1), b.defaultValue, inner, env, at);
  return applyPattern(evaluate(init, inner, env), b.pattern, b.defaultValue, inner, env, at);
}

/** The capability module `b` (bound to an empty object) is filled from by computed keys, if it is; COPIES_PENDING while that is being found. */
function filledCopy(b: Binding, frame: Frame, env: EvalEnv): ReturnType<typeof copiedInto> {
  const model = frame.model;
  return copiedInto(model, b, (read) => ({ object: evaluate((read as MemberExpression).object, { model, depth: 0 }, env), site: siteOf(frame, env, read) }));
}

/**
 * Binds the names a destructured parameter declares (`{ cwd = process.cwd() } = {}`,
 * `[dir, name]`) from the argument at its position, into `params`; the parameter's own default
 * stands in for a missing argument. Without this such names stayed parameters with no caller.
 */
export function bindPatternParams(model: FileModel, fn: Node, args: readonly (Value | undefined)[], params: Map<Binding, Value>, env: EvalEnv, depth = 0): void {
  const names = model.patternParams.get(fn);
  if (!names) return;
  const declared = (fn as FunctionNode).params;
  for (const b of names) {
    const param = declared[b.paramIndex!]!;
    const frame: Frame = { model, params, depth: depth + 1 };
    let arg = args[b.paramIndex!];
    if (param.type === 'AssignmentPattern') arg = withDefault(arg ?? { k: 'nullish' }, param.right, frame, env, param, false);
    params.set(b, applyPattern(arg ?? { k: 'nullish' }, b.pattern, b.defaultValue, frame, env, param));
  }
}

/**
 * A parameter the caller left out (unknown or undefined) that the body assigns with plain `=`
 * (tsc's lowered default, `if (x === void 0) { x = fs.existsSync; }`) is also each assigned value
 * that is fully known. A value a caller passed is what the parameter is, and an assignment built
 * from unknowns (`p = path.resolve(p)`) is not followed: it would hide that the parameter waits
 * for a caller in another module.
 */
function withAssignments(b: Binding, bound: Value, frame: Frame, env: EvalEnv, at: Node): Value {
  if (b.complexWrite || isFolding(frame.folding, b)) return bound;
  const open = bound.k === 'unknown' || bound.k === 'nullish';
  // A caller's value is not what a plain write makes of it (`p = p + '.bak'`): what the writes
  // give is one more alternative, an unknown one reported. Without a caller's value, a write
  // that folds only adds the value it gives (`opts = opts || {}`).
  if (b.writes.length > 4) return open ? bound : oneOf([bound, unknown('reassigned', siteOf(frame, env, at), b.name)], siteOf(frame, env, at));
  const inner: Frame = { model: frame.model, params: frame.params, depth: frame.depth + 1, folding: { binding: b, outer: frame.folding } };
  const written = b.writes.map((w) => evaluate(w, inner, env));
  const assigned = open ? written.filter((v) => alternatives(v).every((a) => a.k !== 'unknown' && a.k !== 'prefix')) : written;
  return assigned.length === 0 ? bound : oneOf([bound, ...assigned], siteOf(frame, env, at));
}

/**
 * `value` with a default (`= dflt`) applied: a missing value is the default, and each missing
 * alternative of one of several is too (`{ fsp = nativeFsp }` given `{ fsp }` from callers of
 * which some pass none); with `unknownToo`, an unknown value (or alternative) may also be
 * missing, so the default is one more alternative.
 */
function withDefault(value: Value, dflt: Node, frame: Frame, env: EvalEnv, at: Node, unknownToo: boolean): Value {
  const missing = (a: Value) => a.k === 'nullish' || (unknownToo && a.k === 'unknown');
  if (value.k === 'nullish') return evaluate(dflt, frame, env);
  if (value.k === 'oneOf' ? !value.vs.some(missing) : !missing(value)) return value;
  const fallback = evaluate(dflt, frame, env);
  const alts = value.k === 'oneOf' ? value.vs : [value];
  return oneOf(alts.flatMap((a) => (a.k === 'nullish' ? [fallback] : missing(a) ? [a, fallback] : [a])), siteOf(frame, env, at));
}

/** A destructured binding's part of `value`; `at` is the node reading the binding, for sites. */
function applyPattern(value: Value, pattern: readonly PatternStep[], dflt: Node | undefined, frame: Frame, env: EvalEnv, at: Node): Value {
  let v = value;
  for (const [i, step] of pattern.entries()) {
    // `{ fs: { mkdir, writeFile } }` from options the analysis cannot tell: a name only fs has
    // is that fs function (rollup's writeOutputFile), as for `this.fileSystem.readFileSync`.
    if ('key' in step && v.k === 'unknown' && i === pattern.length - 1 && fsOnlyName(step.key)) v = { k: 'builtin', module: 'fs', path: [step.key] };
    else if ('key' in step) v = member(v, step.key, frame, env, at);
    else if ('index' in step) v = v.k === 'arr' ? (v.items[step.index] ?? { k: 'nullish' }) : unknown('unsupported-expression', siteOf(frame, env, at));
    else if ('each' in step) v = v.k === 'arr' ? oneOf(v.items, siteOf(frame, env, at)) : unknown('loop-variable', siteOf(frame, env, at));
    else return unknown('unsupported-expression', siteOf(frame, env, at));
  }
  return dflt ? withDefault(v, dflt, frame, env, at, true) : v;
}

/**
 * `exports.wrap` or `module.exports.wrap` read in its own CommonJS module (`exports.w =
 * exports.wrap(fs.writeFileSync)`): the function the module exports under that name, written
 * there as a function, so a call of it folds as a call of the function does. Not when the module
 * replaces its exports whole (`exports` may then be the old object), nor for any other value.
 */
function ownExportedFunction(name: string, frame: Frame): Value | undefined {
  const model = frame.model;
  if (model.kind !== 'cjs' || model.exports.has('')) return undefined;
  const target = model.exports.get(name);
  const node = target && 'node' in target ? (target.node as AnyNode) : undefined;
  return node && (node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression') ? { k: 'fn', node, model } : undefined;
}

/** `module.exports`, with `module` the CommonJS module's own (not a name the code declares). */
function isModuleExportsNode(n: Node, model: FileModel): boolean {
  const m = n as AnyNode;
  return m.type === 'MemberExpression' && !m.computed && m.object.type === 'Identifier' && m.object.name === 'module' && !model.bindingOf.has(m.object) && dotName(m) === 'exports';
}

/** Member `name` of `object`, read at node `at` (whose site an unknown or an assumption records). */
function member(object: Value, name: string, frame: Frame, env: EvalEnv, at: Node): Value {
  switch (object.k) {
    case 'builtin':
      // `import fs from 'fs'` and `fs.default` are the same object; so are a subpath module and
      // its `default` (`__toESM(require('fs/promises')).default`, which is fs.promises).
      if (name === 'default' && isWholeBuiltinModule(object)) return object;
      if (object.module === 'path' && (name === 'posix' || name === 'win32') && object.path.length === 0) return object;
      if (object.module === 'path' && name === 'sep' && object.path.length === 0) return str('/');
      // `const { platform, arch } = require('node:process')`: the same facts as the global.
      if (object.module === 'process' && object.path.length === 0 && (name === 'platform' || name === 'arch') && env.facts.platform) return platformFact(env, `process.${name}`, siteOf(frame, env, at));
      return openFlagConstant(env, object, name, siteOf(frame, env, at)) ?? builtinMember(object, name);
    case 'global': {
      const p = [...object.path, name];
      const key = p.join('.');
      if (key === 'process.env') return object.path.length === 1 ? { k: 'global', path: p } : unknown('global', siteOf(frame, env, at));
      if (object.path.join('.') === 'process.env') {
        // Own properties only: process.env.__proto__ or .constructor in the analysed code must
        // not fold to Object.prototype's members (found by test/fuzz.test.ts).
        const value = Object.hasOwn(env.facts.env, name) ? env.facts.env[name] : undefined;
        if (value === undefined) return unknown('env-unbound', siteOf(frame, env, at), name);
        env.hooks.assume({ kind: 'env', name, value, site: siteOf(frame, env, at) });
        return str(value);
      }
      if ((key === 'process.platform' || key === 'process.arch') && env.facts.platform) return platformFact(env, key, siteOf(frame, env, at));
      if (key === 'process.argv' && env.facts.argv) return argvValue(env, siteOf(frame, env, at));
      if (key === 'import.meta.url') return { k: 'str', v: pathToFileURL(frame.model.file).href };
      if (key === 'import.meta.filename') return str(frame.model.file);
      if (key === 'import.meta.dirname') return str(path.dirname(frame.model.file));
      if (object.path[0] === 'globalThis') return { k: 'global', path: p.slice(1) };
      const own = key === `exports.${name}` ? ownExportedFunction(name, frame) : undefined;
      if (own) return own;
      if (key === 'require.resolve') return { k: 'require', base: frame.model.file, path: ['resolve'] };
      // Only API namespaces stay references; any other global value (process.argv[2]) is unknown.
      // `f.call` of one stays a reference too: the detect stage calls f with the arguments after the receiver.
      return globalReferences.has(key) || (name === 'call' && globalReferences.has(object.path.join('.'))) ? { k: 'global', path: p } : unknown('global', siteOf(frame, env, at), key);
    }
    case 'require':
      return { ...object, path: [...object.path, name] };
    case 'module':
      return imported({ ...object, path: [...object.path, name] }, env);
    case 'url':
      if (name === 'href') return str(object.href);
      if (name === 'pathname') return str(new URL(object.href).pathname);
      return unknown('unsupported-expression', siteOf(frame, env, at));
    case 'obj': {
      const value = object.props.get(name);
      if (!value && (object.copyOf || object.spreads)) return spreadMember(object, name, frame, env, at);
      if (!value) return object.rest ?? { k: 'nullish' };
      // An app's own command-line option read from its options object: its default is assumed.
      const assumed = assumedDefaults.get(value);
      if (assumed) env.hooks.assume(assumed);
      return value;
    }
    case 'oneOf': {
      // A loop, not a map with a closure: a closure here would cost a context on every member read.
      const each: Value[] = new Array(object.vs.length);
      for (let i = 0; i < each.length; i++) each[i] = member(object.vs[i]!, name, frame, env, at);
      return oneOf(each, siteOf(frame, env, at));
    }
    case 'arr':
      // `process.argv[2]` on a known command line, `list[0]`: an index past the end is undefined, as at run time.
      if (/^\d+$/.test(name)) return object.items[Number(name)] ?? { k: 'nullish' };
      if (name === 'length') return { k: 'num', v: object.items.length };
      return unknown('unsupported-expression', siteOf(frame, env, at));
    case 'unknown':
      return object;
    default:
      return unknown('unsupported-expression', siteOf(frame, env, at));
  }
}

/**
 * The file a require made by createRequire resolves from: a file URL's path decoded
 * (`sub%20dir`), and for a folder (text ending in `/`) a file inside it, as Node makes one
 * (measured on 20.20.2 and 24.21.0: `createRequire(new URL('.', import.meta.url))` resolves
 * `./lib/x` from that folder, not the one above it).
 */
function createRequireBase(base: Value): string | undefined {
  const text = base.k === 'url' ? base.href : base.k === 'str' ? base.v : undefined;
  if (!text) return undefined;
  let file: string;
  try {
    file = text.startsWith('file:') ? fileURLToPath(text) : text;
  } catch {
    return undefined;
  }
  return file.endsWith('/') ? `${file}noop.js` : file;
}

/** `this.x` or `this.#x`: an instance field. */
function keptOnInstance(n: AnyNode): boolean {
  return n.type === 'MemberExpression' && !n.computed && n.object.type === 'ThisExpression';
}

/**
 * The members written before a spread, as the spread leaves them (`{ cwd: process.cwd(),
 * ...options }`, locate-path's defaults): an object that has the member sets it; one the
 * analysis cannot see may set it, so the member is either value.
 */
function overrideBySpread(props: Map<string, Value>, spread: Value, site: Site): void {
  if (spread.k === 'obj') {
    for (const [key, value] of spread.props) if (props.has(key)) props.set(key, value);
  } else if (spread.k === 'unknown' || spread.k === 'module') {
    const cause = spread.k === 'unknown' ? spread : unknown('imported', site);
    for (const [key, value] of props) props.set(key, oneOf([value, cause], site));
  }
}

/**
 * Member `name` of an object with spreads and no own `name`: the capability module's when it
 * has that member, else the last spread object's that has it, else (a module spread in, whose
 * members are not known here) that module's. A value the analysis cannot see (`{ ...defaults,
 * ...options }` with the caller's options, make-dir 3's) may set the member or not: it is one of
 * that unknown and what the spreads before it give, so `options.fs` stays fs there.
 */
function spreadMember(object: Value & { k: 'obj' }, name: string, frame: Frame, env: EvalEnv, at: Node): Value {
  const { copyOf, spreads = [] } = object;
  if (copyOf && (spreads.length === 0 || hasRealMember(copyOf.module, copyOf.path, name))) return member(copyOf, name, frame, env, at);
  let unseen: Value | undefined;
  for (let i = spreads.length - 1; i >= 0; i--) {
    const s = spreads[i]!;
    if (s.k === 'unknown') unseen ??= s;
    else if (s.k === 'obj' ? s.props.has(name) : true) return maybeSetBy(unseen, member(s, name, frame, env, at), frame, env, at);
  }
  const below = copyOf ? member(copyOf, name, frame, env, at) : object.rest;
  if (unseen && !below) return unseen;
  return maybeSetBy(unseen, below ?? { k: 'nullish' }, frame, env, at);
}

/** `value`, or, after an unknown spread that may have set the member, one of the two. */
function maybeSetBy(unseen: Value | undefined, value: Value, frame: Frame, env: EvalEnv, at: Node): Value {
  return unseen ? oneOf([unseen, value], siteOf(frame, env, at)) : value;
}

/**
 * `object[key]`: the member for a known key, one of the members for one of several known keys.
 * An unknown key on a capability module (`fs[k]`, `cp[how]`) is its `*` member, so a call on it
 * is reported as an escape (lib/detect/capability-escape.ts) rather than being nothing.
 */
function computedMember(object: Value, key: Value, frame: Frame, env: EvalEnv, at: Node): Value {
  if (key.k === 'str' || key.k === 'num') return member(object, String(key.v), frame, env, at);
  const keys = alternatives(key);
  if (keys.length > 1 && keys.every((k) => k.k === 'str' || k.k === 'num')) {
    const each: Value[] = new Array(keys.length);
    for (let i = 0; i < each.length; i++) each[i] = member(object, String((keys[i] as { v: string | number }).v), frame, env, at);
    return oneOf(each, siteOf(frame, env, at));
  }
  const capability = capabilityIn([object]);
  if (capability) return { ...capability, path: [...capability.path, ANY_MEMBER], copy: capability.copy ?? siteOf(frame, env, at) };
  const table = dispatchTable(object);
  if (table) return oneOf([...table, unknown('computed-member', siteOf(frame, env, at))], siteOf(frame, env, at));
  return unknown('computed-member', siteOf(frame, env, at));
}

/**
 * An object literal of functions only (`protocols = { file, http }`, get-uri's table): an unknown
 * key takes one of them (or none), so a call through it is each function's call.
 */
function dispatchTable(object: Value): Value[] | undefined {
  if (object.k !== 'obj' || object.copyOf || object.spreads?.length || object.rest || object.props.size === 0) return undefined;
  const values = [...object.props.values()];
  return values.every((v) => v.k === 'fn' || v.k === 'module') ? values : undefined;
}

/** The value of a call; sinks are found by detectors, this only folds what a call returns. */
function call(n: CallExpression, frame: Frame, env: EvalEnv, site: Site): Value {
  // `program.opts()`: a method a package model says returns the app's command-line options.
  if (n.callee.type === 'MemberExpression' && !n.callee.computed && env.hooks.parserOptions?.names.has(dotName(n.callee))) {
    const modelled = env.hooks.parserOptions.value(frame.model, n.callee.object, dotName(n.callee), 'call', site);
    if (modelled) return modelled;
  }
  // `pathToFileURL(__filename).toString()` (bundlers write it as createRequire's base): a URL's text.
  if (n.callee.type === 'MemberExpression' && !n.callee.computed && dotName(n.callee) === 'toString' && n.arguments.length === 0) {
    const object = evaluate(n.callee.object, frame, env);
    if (object.k === 'url') return str(object.href);
    if (object.k === 'str') return object;
    // A parameter's text (lowdb's `filename.toString()`) waits for the callers like the parameter:
    // evaluated again with each caller's argument bound, a string or a URL.
    if (object.k === 'unknown' && object.reason === 'parameter') return object;
  }
  // webpack's interop getter: `__webpack_require__.n(m)` returns `() => m` (or m.default, which a
  // built-in's namespace is too), and the bundle calls it, `Ii().runInThisContext(…)`. Folded to
  // m here, and calling a built-in module itself (which only such a getter's result is) gives it back.
  if (n.callee.type === 'MemberExpression' && !n.callee.computed && dotName(n.callee) === 'n' && n.callee.object.type === 'Identifier' && n.callee.object.name === '__webpack_require__' && n.arguments.length === 1) {
    return evaluate(n.arguments[0], frame, env);
  }
  // `process.argv.slice(2)` and the like: a known array sliced by known numbers.
  if (n.callee.type === 'MemberExpression' && !n.callee.computed && dotName(n.callee) === 'slice') {
    const array = evaluate(n.callee.object, frame, env);
    if (array.k === 'arr') {
      const bounds = argumentValues(n, frame, env);
      if (bounds.every((b) => b.k === 'num')) return { k: 'arr', items: array.items.slice(...bounds.map((b) => (b as { v: number }).v)) };
      return unknown('call-result', site);
    }
  }
  // `['node:', 'worker_threads'].join('')`: a known array's items joined (make-asynchronous
  // assembles the name it imports so, to keep bundlers from seeing it).
  if (n.callee.type === 'MemberExpression' && !n.callee.computed && dotName(n.callee) === 'join' && n.arguments.length <= 1) {
    const array = evaluate(n.callee.object, frame, env);
    if (array.k === 'arr') return joinedItems(array.items, n.arguments.length === 0 ? str(',') : evaluate(n.arguments[0], frame, env), site);
  }
  if (isObjectAssign(n, frame)) return objectAssign(argumentValues(n, frame, env), site);
  const defined = n.arguments.length >= 2 && definesByName(n.callee) ? definedObject(n, frame, env, site) : undefined;
  if (defined) return defined;
  const rebuilt = keyCopyValue(n, frame, env, site);
  if (rebuilt) return rebuilt;
  if (isGlobalMember(n.callee, frame, 'JSON', 'parse')) return parsedJson(n.arguments[0], frame, env, site, evaluate);
  const callee = evaluate(n.callee, frame, env);
  if (callee.k === 'builtin' && callee.path.length === 0 && n.arguments.length === 0) return callee;
  // A callee that is one of several functions (TypeScript's `(this && this.__importDefault) ||
  // function (mod) {…}` helper) returns what any of them returns.
  if (callee.k === 'oneOf') {
    // A loop, not a map with a closure: a closure here would cost a context on every call evaluated.
    const each: Value[] = new Array(callee.vs.length);
    for (let i = 0; i < each.length; i++) each[i] = callOf(n, callee.vs[i]!, frame, env, site);
    return oneOf(each, site);
  }
  return callOf(n, callee, frame, env, site);
}

/**
 * What `items.join(separator)` returns: the items concatenated with the separator between them,
 * an `undefined` or `null` item as empty text (as Array.prototype.join does); an item or a
 * separator that is not known text leaves what follows it unknown (a prefix, or unknown).
 */
function joinedItems(items: readonly Value[], separator: Value, site: Site): Value {
  if (separator.k !== 'str') return unknown('call-result', site);
  let joined: Value = str('');
  for (let i = 0; i < items.length; i++) {
    if (i > 0) joined = concat(joined, separator, site);
    const item = items[i]!;
    joined = concat(joined, item.k === 'nullish' ? str('') : item, site);
  }
  return joined;
}

/** What calling `callee` (one known function or API) at `n` returns. */
function callOf(n: CallExpression, callee: Value, frame: Frame, env: EvalEnv, site: Site): Value {
  if (callee.k === 'builtin') {
    const name = callee.path.join('.');
    if ((callee.module === 'path' || callee.module === 'url') && callee.path.length === 1 && n.arguments.length > 0) return pathOrUrlCall(n, callee.module, name, frame, env, site);
    // util.promisify(f) and f.bind(x) call the same API as f: keep the reference.
    if (callee.module === 'util' && name === 'promisify' && n.arguments.length > 0) return evaluate(n.arguments[0], frame, env);
    if (callee.module === 'util' && name === 'parseArgs') {
      return parseArgsResult(n.arguments.length > 0 ? evaluate(n.arguments[0], frame, env) : undefined, site, optionSites(n.arguments[0], frame, env), argvArgs(env, site));
    }
    if (callee.path[callee.path.length - 1] === 'bind') return { ...callee, path: callee.path.slice(0, -1) };
    // mkdtemp creates `<prefix>XXXXXX`: what it returns starts with the prefix it was given.
    if (callee.module === 'fs' && /^(promises\.)?mkdtemp(Sync)?$/.test(name) && n.arguments.length > 0) {
      const prefix = evaluate(n.arguments[0], frame, env);
      return prefix.k === 'str' ? { k: 'prefix', v: prefix.v, cause: unknown('call-result', site) } : unknown('call-result', site);
    }
    // What fs/promises open() resolves to: calls on it are `fs.FileHandle.<method>` (some are always denied).
    if (callee.module === 'fs' && name === 'promises.open') return { k: 'builtin', module: 'fs', path: ['FileHandle'] };
    if (callee.module === 'os' && (name === 'platform' || name === 'arch') && env.facts.platform) return platformFact(env, `process.${name}`, site);
    if (isConstantsMember(callee, 'hasOwnProperty') && n.arguments.length > 0) {
      const asked = evaluate(n.arguments[0], frame, env);
      const has = asked.k === 'str' ? hasPlatformConstant(env, asked.v, site) : undefined;
      if (has) return has;
    }
    if (callee.module === 'os' && name === 'tmpdir') {
      env.hooks.assume({ kind: 'tmpdir', value: env.facts.tmpdir, site });
      return str(env.facts.tmpdir);
    }
    if (callee.module === 'os' && name === 'homedir') {
      env.hooks.assume({ kind: 'homedir', value: env.facts.homedir, site });
      return str(env.facts.homedir);
    }
    if (callee.module === 'module' && name === 'createRequire' && n.arguments.length > 0) {
      const base = evaluate(n.arguments[0], frame, env);
      const file = createRequireBase(base);
      if (file) return { k: 'require', base: file, path: [] };
      // A require for an unknown place: what it loads is reported where it is called (lib/detect/index.ts).
      const alt = alternatives(base).find((a) => a.k === 'unknown');
      return { k: 'require', base: '', path: [], cause: alt?.k === 'unknown' ? alt : unknown('not-a-string', site) };
    }
    return unknown('call-result', site);
  }
  if (callee.k === 'global') {
    const name = callee.path.join('.');
    if (name === 'process.cwd') return str(runCwdOf(env, site));
    if (name === 'process.report.getReport' && env.facts.platform?.libc) return libcReport(env, site);
    if (name === 'process.getBuiltinModule' && n.arguments.length > 0) {
      const spec = evaluate(n.arguments[0], frame, env);
      if (spec.k === 'str') return builtinValue(spec.v) ?? unknown('call-result', site);
      // Calls on it are reported where they are made (lib/detect/index.ts): that is where they act.
      const cause = alternatives(spec).find((a) => a.k === 'unknown');
      return { k: 'builtin', module: '?', path: [], cause: cause?.k === 'unknown' ? cause : unknown('not-a-string', site) };
    }
    return unknown('call-result', site);
  }
  if (callee.k === 'require' && n.arguments.length > 0) {
    if (!callee.base) return unknown('call-result', site);
    const spec = evaluate(n.arguments[0], frame, env);
    if (spec.k !== 'str') return unknown('call-result', site);
    if (callee.path.length === 0) {
      // `require('./files.json')`: the app's data, folded.
      const data = /^\.\.?\/.*\.json$/.test(spec.v) ? env.hooks.jsonData?.(path.resolve(path.dirname(callee.base), spec.v), site) : undefined;
      return data ?? builtinValue(spec.v) ?? imported({ k: 'module', specifier: spec.v, from: callee.base, path: [] }, env);
    }
    if (callee.path.join('.') === 'resolve') {
      const resolved = env.hooks.resolve(spec.v, callee.base, site);
      return resolved ? str(resolved) : unknown('call-result', site);
    }
  }
  if (callee.k === 'fn') {
    // An interop helper's own body (esbuild's __toESM copies properties) folds to nothing useful.
    const module = interopOf(n, frame, env);
    if (module) return module;
    // A factory that returns a wrapper calling one of its parameters with the wrapper's own
    // arguments (universalify's fromPromise, in this file or another): the call is that argument,
    // or, for a wrapper made in steps (`retryify(f)(timeout)`), that argument after the steps.
    const forwards = forwardingIn(callee.model, callee.node);
    const forwarded = forwards === undefined ? undefined : (n.arguments[forwards.index] as AnyNode | undefined);
    if (forwards && forwarded && forwarded.type !== 'SpreadElement') return curried(evaluate(forwarded, frame, env), forwards.stages);
    return returnValueOf(callee, n.arguments as Node[], frame, env, site);
  }
  if (callee.k === 'curried') return callCurried(callee);
  if (callee.k === 'module') {
    const args = argumentValues(n, frame, env);
    const parsed = callee.path.length === 0 || (callee.path.length === 1 && callee.path[0] === 'default') ? env.hooks.parserOptions?.called?.(frame.model, callee.specifier, args) : undefined;
    return parsed ?? env.hooks.importValue?.(callee.specifier, callee.from, callee.path, args) ?? interopOf(n, frame, env) ?? copyThroughCall(args, site);
  }
  // What a value cut by the depth bound returns is cut too: a wrapper of it stays a give-up,
  // reported where it is called (lib/detect/fold-cut.ts), not a result that is simply unknown.
  if (callee.k === 'unknown' && callee.reason === 'depth-limit') return callee;
  return interopOf(n, frame, env) ?? unknown('call-result', site);
}

/** `path.join(…)`, `url.fileURLToPath(…)` and the like (its own function: its closure would cost callOf a context per call). */
function pathOrUrlCall(n: CallExpression, module: 'path' | 'url', name: string, frame: Frame, env: EvalEnv, site: Site): Value {
  const cwd = () => runCwdOf(env, site);
  return (module === 'path' ? applyPath(name, argumentValues(n, frame, env), site, cwd) : applyUrl(name, argumentValues(n, frame, env), site, cwd)) ?? unknown('call-result', site);
}

/**
 * `__toESM(require("fs"))` (esbuild), `__importStar(require("fs"))` / `__importDefault(…)`
 * (TypeScript, tslib), `_interopRequireDefault(require("fs"))` (Babel): compiled code wraps
 * each module it requires in a helper that returns the module itself, or an object whose
 * `default` (and, for a namespace, every export) is the module. What the helper returns is
 * taken to be the module it is given: reading `default` of a module reference is the module
 * again, so `(0, import_fs.readFileSync)(p)` and `fs_1.default.readFileSync(p)` are the fs
 * calls they are at run time. Only for a call whose first argument is a literal `require(…)`,
 * which the helpers' callers always write, and which folds to a built-in or another module.
 */
function interopOf(n: CallExpression, frame: Frame, env: EvalEnv): Value | undefined {
  // `__webpack_require__("fs")` / `n(147)`: an external entry of the file's module table.
  const external = moduleTableRequire(frame.model, n);
  if (external) return evaluate(external, frame, env);
  const first = n.arguments[0];
  if (first?.type !== 'CallExpression' || first.callee.type !== 'Identifier' || first.callee.name !== 'require' || first.arguments.length !== 1) return undefined;
  const module = evaluate(first, frame, env);
  return module.k === 'builtin' || module.k === 'module' ? module : undefined;
}

/**
 * `Object.fromEntries(Object.entries(fs))`, `Object.keys(fs).reduce((acc, k) => { acc[k] = fs[k];
 * return acc }, init)` (./key-copy.ts): a copy of a capability module, as `Object.assign(init, fs)`
 * is; undefined for any other call or object (what it makes is then not folded, as before).
 */
function keyCopyValue(n: CallExpression, frame: Frame, env: EvalEnv, site: Site): Value | undefined {
  const copy = keyCopyOf(n, frame.model);
  if (!copy) return undefined;
  const source = evaluate(copy.source, frame, env);
  if (!capabilityIn([source])) return undefined;
  return objectAssign([copy.init ? evaluate(copy.init, frame, env) : { k: 'obj', props: new Map() }, source], site);
}

/** `Object.assign(…)`, with `Object` the global. */
function isObjectAssign(n: CallExpression, frame: Frame): boolean {
  return isGlobalMember(n.callee, frame, 'Object', 'assign');
}

/** Whether `c` is `<global>.<name>` (`JSON.parse`) with the global not shadowed. */
function isGlobalMember(c: AnyNode, frame: Frame, global: string, name: string): boolean {
  return c.type === 'MemberExpression' && !c.computed && dotName(c) === name && c.object.type === 'Identifier' && c.object.name === global && !frame.model.bindingOf.has(c.object);
}

/** Where each option of a literal `parseArgs({ options: { … } })` is written, for the report. */
function optionSites(config: AnyNode | undefined, frame: Frame, env: EvalEnv): Map<string, Site> {
  const sites = new Map<string, Site>();
  const options = config?.type === 'ObjectExpression' ? config.properties.find((p): p is Property => p.type === 'Property' && !p.computed && keyName(p.key) === 'options') : undefined;
  if (options?.value.type !== 'ObjectExpression') return sites;
  for (const p of options.value.properties) {
    if (p.type === 'Property' && !p.computed) sites.set(String(keyName(p.key)), siteOf(frame, env, p));
  }
  return sites;
}

/**
 * `import('lit')`: the module's namespace (what awaiting it gives, as await folds to its operand),
 * so `const { copyFile } = await import('cp-file')` in a CommonJS file calls into cp-file as a
 * static import would, matched with its arguments (an ESM-only package used from CommonJS).
 */
function dynamicImport(n: ImportExpression, frame: Frame, deeper: Frame, env: EvalEnv): Value {
  const spec = evaluate(n.source, deeper, env);
  if (spec.k !== 'str') return unknown('call-result', siteOf(frame, env, n));
  return builtinValue(spec.v) ?? imported({ k: 'module', specifier: spec.v, from: frame.model.file, path: [], loaded: 'import' }, env);
}

/** A reference into another module, replaced by the value it exports when that is known. */
function imported(ref: Value & { k: 'module' }, env: EvalEnv): Value {
  return env.hooks.importValue?.(ref.specifier, ref.from, ref.path) ?? ref;
}

/** The run folder, recording that it is assumed. */
export function runCwdOf(env: EvalEnv, site: Site): string {
  env.hooks.assume({ kind: 'cwd', value: env.facts.runCwd, site });
  return env.facts.runCwd;
}

function returnValueOf(fn: { node: Node; model: FileModel }, argNodes: Node[], frame: Frame, env: EvalEnv, site: Site): Value {
  const args = valuesOf(argNodes, frame, env);
  const value = returnValueWith(fn, args, env, site, frame.depth, frame.params, frame.calls);
  // Unknown, or an empty object the body filled by computed keys (`for (const k in o) c[k] = o[k]`).
  const unfolded = (value.k === 'unknown' && value.reason === 'call-result') || (value.k === 'obj' && value.props.size === 0 && !value.copyOf && !value.spreads);
  const listed = unfolded || (value.k === 'obj' && !value.copyOf) ? listedModules(fn, args) : [];
  if (listed.length > 0) return namespaceCopy(!unfolded && value.k === 'obj' ? value : undefined, listed);
  return unfolded ? copyThroughCall(args, site) : value;
}

/** The other modules among `args` whose own keys `fn` lists: what it returns copies them (key-copy.ts keyListedParams). */
function listedModules(fn: { node: Node; model: FileModel }, args: readonly Value[]): Value[] {
  const modules: Value[] = [];
  for (const index of keyListedParams(fn.node, fn.model)) {
    const arg = args[index];
    if (arg?.k === 'module') modules.push(arg);
  }
  return modules;
}

/**
 * What a namespace helper returns (`_interopNamespaceDefault(glob)`): the object its body made
 * (the `default` it writes), with the modules it copied key by key spread in, so any other member
 * is the module's, as for `{ ...require('fast-glob') }`.
 */
function namespaceCopy(made: (Value & { k: 'obj' }) | undefined, modules: Value[]): Value {
  return { k: 'obj', props: made?.props ?? new Map(), ...(made?.rest ? { rest: made.rest } : {}), spreads: [...(made?.spreads ?? []), ...modules] };
}

/** The entry points returns.ts folds a function's body with: this evaluator's own. */
const evaluator: Evaluator = { evaluate, bindPatternParams };

/** What calling a small function with these argument values returns, unknown when it is not one (returns.ts). */
export function returnValueWith(fn: { node: Node; model: FileModel }, args: Value[], env: EvalEnv, site: Site, depth = 0, outer?: ReadonlyMap<Binding, Value>, calls?: CallChain): Value {
  return returns.returnValueWith(evaluator, fn, args, env, site, depth, outer, calls);
}
