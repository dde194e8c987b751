// The abstract values the evaluator computes. A path-like value is a known string, a known
// prefix followed by something unknown, one of several values, or unknown with a reason and a
// site. References into Node built-ins and globals are values too, so a detector can ask
// "is this callee fs.readFileSync?" after any aliasing or destructuring.

import type { Node } from 'acorn';
import type { Site, UnknownReason } from '../types.js';
import { memo, memoIfMade, memoKey, type Binding, type FileModel } from '../parse/index.js';

export type Value =
  | { k: 'str'; v: string }
  | { k: 'prefix'; v: string; cause: Unknown }
  | { k: 'oneOf'; vs: Value[] }
  | Unknown
  | { k: 'num'; v: number }
  | { k: 'bool'; v: boolean }
  | { k: 'nullish' }
  /** A Node built-in module or something reached from it: `fs`, `fs.promises.readFile`. */
  /** `module` `?`: a built-in chosen at run time (`process.getBuiltinModule(name)`); `cause` says why it is unknown. Also on a `vm.Script` made from code that did not fold. */
  /** `copy`: an object built from the module (`{ ...fs }`, `pify(fs)`), made at that site (see capability-copy.ts). */
  | { k: 'builtin'; module: string; path: string[]; copy?: Site; cause?: Unknown }
  /** A global or something reached from it: `process.env`, `fetch`. */
  | { k: 'global'; path: string[] }
  /** A non-built-in module loaded with require/import: `bindings`, `./lib/x.js`. `loaded`: by `import(…)`, whatever the file's own format. */
  | { k: 'module'; specifier: string; from: string; path: string[]; loaded?: 'import' }
  /** A `require` function resolving from `base` (a file path); `base` empty: made by createRequire for a base that does not fold, `cause` says why. */
  | { k: 'require'; base: string; path: string[]; cause?: Unknown }
  | { k: 'url'; href: string }
  /** `rest`: the value of any property not in `props` (an option given on the command line that the code does not declare); absent: such a property is missing. */
  /**
   * `copyOf`: a capability module the object was copied from (`{ ...fs, x }`): a member not in
   * `props` is the module's. `spreads`: the other objects spread into it, in order (`{ ...require('./copy') }`).
   */
  | { k: 'obj'; props: Map<string, Value>; rest?: Value; copyOf?: Value & { k: 'builtin' }; spreads?: Value[] }
  | { k: 'arr'; items: Value[] }
  /**
   * `placed`: a function of a file taken from its record (lib/graph/record-functions.ts), whose
   * `node` and `model` are made from the file's tree parsed again when first read; where it is,
   * for valueKey, without making the tree.
   */
  | { k: 'fn'; node: Node; model: FileModel; placed?: { file: string; start: number } }
  /**
   * A function that is `value` once called `calls` more times, whatever the arguments: what a
   * wrapper made in steps gives before its last step (`retryify(fs.renameSync)` is fs.renameSync
   * after one call, `retryify(fs.renameSync)(timeout)`; lib/evaluate/forwarding.ts).
   */
  | { k: 'curried'; calls: number; value: Value };

export interface Unknown {
  k: 'unknown';
  reason: UnknownReason;
  site: Site;
  name?: string;
  /**
   * For `parameter`: whose parameter it is, so a caller's argument can be bound to it later. In
   * a value kept for matching calls between modules, a ParamToken instead (see detachParams).
   */
  param?: Binding | ParamToken;
}

/**
 * Stands for a parameter binding in a value kept until calls between modules are matched (a
 * pending call's arguments, an exported value). The binding would keep its whole function's
 * syntax tree alive until then (on eslint's tree, 6.6 MB still held at the last file). Only the
 * file that declares the parameter can act on it (bind it, or summarise its function), and that
 * file's model maps the token back (its `paramTokens` memo); anywhere else a parameter of another
 * file is never bound, summarised or followed, with the binding or without it.
 */
export interface ParamToken {
  readonly paramToken: true;
}

/**
 * The parameters of one file stood for by tokens, both ways: a memo on the file's model, so the
 * tokens go with the model (the evaluator's data, kept under its own key rather than on parse's
 * FileModel).
 */
interface ParamTokens {
  byToken: Map<ParamToken, Binding>;
  byParam: Map<Binding, ParamToken>;
}

const paramTokens = memoKey<ParamTokens>('parameter tokens');

/** The parameter binding of an unknown, as the file of `model` sees it. */
export function paramOf(u: Unknown, model: FileModel): Binding | undefined {
  const p = u.param;
  if (!p || !('paramToken' in p)) return p;
  return memoIfMade(model, paramTokens)?.byToken.get(p);
}

/** The tokens the file of `model` stood its parameters with so far, in the order made (none: undefined). */
export function paramTokensOf(model: FileModel): ReadonlyMap<ParamToken, Binding> | undefined {
  return memoIfMade(model, paramTokens)?.byToken;
}

/**
 * A new parse of a file takes the tokens an earlier parse of the same text made (a record keeps
 * them, lib/graph/examination.ts), so a token held by a value made then maps to the same
 * parameter of the new tree, and the new tree detaches that parameter as the same token.
 */
export function adoptParamTokens(model: FileModel, adopted: Iterable<readonly [ParamToken, Binding]>): void {
  const tokens = memo(model, paramTokens, () => ({ byToken: new Map(), byParam: new Map() }));
  for (const [token, b] of adopted) {
    tokens.byToken.set(token, b);
    tokens.byParam.set(b, token);
  }
}

/**
 * `v` with each parameter of `model`'s file replaced by its ParamToken (registered in the model),
 * or `v` itself when it holds none. Parameters of other files stay as they are.
 */
export function detachParams(v: Value, model: FileModel, seen = new Map<Value, Value>()): Value {
  // Arrays and objects may share parts (`const b = [a, a]; const c = [b, b]`): each part is
  // detached once (`seen`), so the walk is linear in the value's size, not in its paths.
  const done = seen.get(v);
  if (done) return done;
  const detached = detachOnce(v, model, seen);
  if (v.k === 'arr' || v.k === 'obj' || v.k === 'oneOf') seen.set(v, detached);
  return detached;
}

function detachOnce(v: Value, model: FileModel, seen: Map<Value, Value>): Value {
  switch (v.k) {
    case 'unknown': {
      const b = v.param;
      if (!b || 'paramToken' in b || !b.fn || !model.params.has(b.fn)) return v;
      const tokens = memo(model, paramTokens, () => ({ byToken: new Map(), byParam: new Map() }));
      let token = tokens.byParam.get(b);
      if (!token) {
        token = { paramToken: true };
        tokens.byParam.set(b, token);
        tokens.byToken.set(token, b);
      }
      return { ...v, param: token };
    }
    case 'prefix': {
      const cause = detachParams(v.cause, model, seen) as Unknown;
      return cause === v.cause ? v : { ...v, cause };
    }
    case 'oneOf': {
      const vs = v.vs.map((x) => detachParams(x, model, seen));
      return vs.some((x, i) => x !== v.vs[i]) ? { k: 'oneOf', vs } : v;
    }
    case 'arr': {
      const items = v.items.map((x) => detachParams(x, model, seen));
      return items.some((x, i) => x !== v.items[i]) ? { k: 'arr', items } : v;
    }
    case 'obj':
      return detachObject(v, model, seen);
    case 'curried': {
      const value = detachParams(v.value, model, seen);
      return value === v.value ? v : { ...v, value };
    }
    case 'builtin':
    case 'require': {
      if (!v.cause) return v;
      const cause = detachParams(v.cause, model, seen) as Unknown;
      return cause === v.cause ? v : { ...v, cause };
    }
    default:
      return v;
  }
}

/** An object's members, its rest and what was spread into it, each detached (every part isData looks at). */
function detachObject(v: Value & { k: 'obj' }, model: FileModel, seen: Map<Value, Value>): Value {
  let props: Map<string, Value> | undefined;
  for (const [key, x] of v.props) {
    const d = detachParams(x, model, seen);
    if (d !== x) (props ??= new Map(v.props)).set(key, d);
  }
  const rest = v.rest && detachParams(v.rest, model, seen);
  const copyOf = v.copyOf && (detachParams(v.copyOf, model, seen) as Value & { k: 'builtin' });
  const spreads = v.spreads?.map((x) => detachParams(x, model, seen));
  const spreadsChanged = spreads !== undefined && spreads.some((x, i) => x !== v.spreads![i]);
  if (!props && rest === v.rest && copyOf === v.copyOf && !spreadsChanged) return v;
  return { ...v, ...(props ? { props } : {}), ...(rest !== v.rest ? { rest } : {}), ...(copyOf !== v.copyOf ? { copyOf } : {}), ...(spreadsChanged ? { spreads } : {}) };
}

export const MAX_ALTERNATIVES = 16;

/**
 * The longest string the evaluator builds: PATH_MAX on Linux (4,096 bytes with the NUL). A
 * longer path cannot be opened (ENAMETOOLONG), so folding one gains nothing, and a string that
 * doubles at each assignment or template (`a = a + a`, 30 times) is cut here, checked before it
 * is concatenated, instead of growing to gigabytes. Beyond it a value is unknown (`value-limit`).
 */
export const MAX_STRING_LENGTH = 4096;

export const str = (v: string): Value => ({ k: 'str', v });
export const unknown = (reason: UnknownReason, site: Site, name?: string): Unknown => (name ? { k: 'unknown', reason, site, name } : { k: 'unknown', reason, site });

/** The most parts of a value one valueKey spells out. */
const MAX_KEY_PARTS = 1000;

/**
 * A stable key for a value: equal keys mean the same abstract value. Structured values are
 * keyed by their content (a few levels deep), functions by their source position, so
 * duplicates merge and repeated calls with the same arguments can be recognised.
 */
export function valueKey(v: Value, depth = 0, budget: { parts: number; cut?: boolean } = { parts: MAX_KEY_PARTS }): string {
  // Cut like the depth: shared parts (`[b, b, …]` of `[a, a, …]`) would otherwise be keyed once
  // per path to them, which grows exponentially with the nesting. A cut key no longer tells
  // values apart, which the budget records (exactKey).
  if (depth > 3 || --budget.parts < 0) {
    budget.cut = true;
    return `${v.k}:…`;
  }
  switch (v.k) {
    case 'str':
    case 'prefix':
      return `${v.k}:${v.v}`;
    case 'unknown':
      return `unknown:${v.reason}:${v.name ?? ''}:${v.site.file}:${v.site.line}:${v.site.column}`;
    case 'num':
    case 'bool':
      return `${v.k}:${v.v}`;
    case 'nullish':
      return 'nullish';
    case 'builtin':
      return `builtin:${v.module}.${v.path.join('.')}${v.copy ? '~copy' : ''}`;
    case 'global':
      return `global:${v.path.join('.')}`;
    case 'module':
      return `module:${v.loaded === 'import' ? 'import:' : ''}${v.specifier}|${v.from}|${v.path.join('.')}`;
    case 'require':
      return `require:${v.base}|${v.path.join('.')}`;
    case 'url':
      return `url:${v.href}`;
    case 'fn':
      return v.placed ? `fn:${v.placed.file}:${v.placed.start}` : `fn:${v.model.file}:${(v.node as Node & { start: number }).start}`;
    case 'curried':
      return `curried:${v.calls}:${valueKey(v.value, depth + 1, budget)}`;
    case 'obj':
      return `{${[...v.props.keys()].sort().map((k) => `${k}=${valueKey(v.props.get(k)!, depth + 1, budget)}`).join(',')}${v.rest ? `,…=${valueKey(v.rest, depth + 1, budget)}` : ''}${v.copyOf ? `,~${valueKey(v.copyOf, depth + 1, budget)}` : ''}${v.spreads ? `,...${v.spreads.map((x) => valueKey(x, depth + 1, budget)).join(',...')}` : ''}}`;
    case 'arr':
      return `[${v.items.map((i) => valueKey(i, depth + 1, budget)).join(',')}]`;
    case 'oneOf':
      return `(${v.vs.map((x) => valueKey(x, depth + 1, budget)).sort().join('|')})`;
  }
}

/**
 * valueKey when it spells the whole value, else undefined: two values whose keys were cut (the
 * same options object but for a path four levels down) may differ, so a cut key must not merge
 * them or match one call for both (the second file was read unseen).
 */
export function exactKey(v: Value): string | undefined {
  const budget: { parts: number; cut?: boolean } = { parts: MAX_KEY_PARTS };
  const key = valueKey(v, 0, budget);
  return budget.cut ? undefined : key;
}

/** One of several values, flattened and deduplicated; too many alternatives become unknown. */
export function oneOf(values: Value[], site: Site): Value {
  // One plain value is itself (what the loop below returns too), and the common case: a binding
  // with only an initialiser. Keying it would build its string key for nothing.
  if (values.length === 1 && values[0]!.k !== 'oneOf') return values[0]!;
  const flat: Value[] = [];
  for (const v of values) if (!addFlat(v, flat)) return unknown('value-limit', site);
  if (flat.length === 1) return flat[0]!;
  return { k: 'oneOf', vs: flat };
}

/**
 * Adds `v`'s alternatives to `flat`, skipping any whose valueKey one there already has (a
 * function, not a closure per oneOf call). Returns false once `flat` holds more than
 * MAX_ALTERNATIVES: the oneOf is then unknown whatever else comes. So `flat` stays short and
 * a scan of it is cheap, cheaper than keying every alternative: the keys were 7% of all the
 * analysis allocated on eslint's tree (47,000 per run, mostly unknowns with a file path).
 */
function addFlat(v: Value, flat: Value[]): boolean {
  if (v.k === 'oneOf') {
    for (const x of v.vs) if (!addFlat(x, flat)) return false;
    return true;
  }
  for (const x of flat) if (sameKey(x, v)) return true;
  flat.push(v);
  return flat.length <= MAX_ALTERNATIVES;
}

/**
 * valueKey(a) === valueKey(b), for alternatives (never oneOf), mostly without building the keys.
 * Keys of different kinds differ in their first characters, so the kinds must match.
 */
function sameKey(a: Value, b: Value): boolean {
  if (a.k !== b.k) return false;
  switch (a.k) {
    case 'str':
    case 'prefix':
      return a.v === (b as typeof a).v;
    case 'unknown': {
      const u = b as Unknown;
      // `unknown:reason:name:file:line:column`: a reason has no colon and line and column are
      // numbers, so only `name:file` can match in two ways (a colon in one of them).
      if (a.reason !== u.reason || a.site.line !== u.site.line || a.site.column !== u.site.column) return false;
      const an = a.name ?? '';
      const bn = u.name ?? '';
      if (an === bn && a.site.file === u.site.file) return true;
      return an.length + a.site.file.length === bn.length + u.site.file.length && `${an}:${a.site.file}` === `${bn}:${u.site.file}`;
    }
    case 'nullish':
      return true;
    case 'fn': {
      // `fn:file:start`: the start is a number, so the file must match.
      const f = b as typeof a;
      return (a.node as Node & { start: number }).start === (f.node as Node & { start: number }).start && a.model.file === f.model.file;
    }
    default: {
      const key = exactKey(a);
      return key !== undefined && key === exactKey(b);
    }
  }
}

/** `value` reached after `calls` more calls: itself when none (a wrapper's forwarding, lib/evaluate/forwarding.ts). */
export function curried(value: Value, calls: number): Value {
  return calls <= 0 ? value : { k: 'curried', calls, value };
}

/** What calling a curried value once gives. */
export function callCurried(v: Value & { k: 'curried' }): Value {
  return curried(v.value, v.calls - 1);
}

export function alternatives(v: Value): Value[] {
  return v.k === 'oneOf' ? v.vs : [v];
}

/** The string form a value takes in `+` or a template literal. */
function asText(v: Value): Value | undefined {
  switch (v.k) {
    case 'str':
    case 'prefix':
    case 'unknown':
      return v;
    case 'num':
    case 'bool':
      return str(String(v.v));
    case 'url':
      return str(v.href);
    default:
      return undefined;
  }
}

/** String concatenation of two values, keeping whatever prefix stays known. */
export function concat(a: Value, b: Value, site: Site): Value {
  if (a.k === 'oneOf' || b.k === 'oneOf') {
    const out: Value[] = [];
    for (const x of alternatives(a)) for (const y of alternatives(b)) out.push(concat(x, y, site));
    return oneOf(out, site);
  }
  const ta = asText(a);
  const tb = asText(b);
  if (!ta) return unknown('not-a-string', site);
  if (ta.k === 'unknown' || ta.k === 'prefix') return ta;
  if (ta.k !== 'str') return unknown('not-a-string', site);
  if (!tb) return { k: 'prefix', v: ta.v, cause: unknown('not-a-string', site) };
  if ((tb.k === 'str' || tb.k === 'prefix') && ta.v.length + tb.v.length > MAX_STRING_LENGTH) return unknown('value-limit', site);
  if (tb.k === 'str') return str(ta.v + tb.v);
  if (tb.k === 'prefix') return { k: 'prefix', v: ta.v + tb.v, cause: tb.cause };
  if (tb.k === 'unknown') return ta.v === '' ? tb : { k: 'prefix', v: ta.v, cause: tb };
  return unknown('not-a-string', site);
}

/** The unknown part of a value, for diagnostics: the first unknown alternative or prefix cause. */
export function firstUnknown(v: Value): Unknown | undefined {
  for (const alt of alternatives(v)) {
    if (alt.k === 'unknown') return alt;
    if (alt.k === 'prefix') return alt.cause;
  }
  return undefined;
}
