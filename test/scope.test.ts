// The scope walk's specification (lib/parse/scope.ts): each row is a small source and what the
// walk records for it — bindings, the references bound to them, writes, calls with their
// enclosing function, static imports, exports and the module's shape. A row lists only the
// fields it is about. A binding is labelled `name#n`, the n-th binding of that name in the
// order the walk declared them, so a reference shows which of two shadowing names it found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, type Node } from 'acorn';
import { analyseScopes, type Binding, type PatternStep, type ScopeModel } from '../lib/parse/scope.js';
import { isSkip, scopeVisitors, type Visitor } from '../lib/parse/scope-walk.js';
import { isStackOverflow } from '../lib/limits.js';

type AnyNode = Node & Record<string, any>;

interface Shape {
  bindings?: string[];
  refs?: string[];
  calls?: string[];
  imports?: string[];
  exports?: string[];
  starExports?: string[];
  classes?: string[];
  prototypeWrites?: string[];
  staticWrites?: string[];
  params?: string[];
  escapes?: string[];
  generated?: string[];
}

interface Row extends Shape {
  src: string;
  /** Parse as an ES module (default: a CommonJS script). */
  module?: boolean;
  /** A known defect: the row says what is right, and fails until it is fixed. */
  todo?: string;
}

const rows: Row[] = [
  // Declarations and block scopes.
  { src: `var a = 1; let b = a; const c = b;`, bindings: ['a#1 var = 1', 'b#1 let = a', 'c#1 const = b'], refs: ['a → a#1', 'b → b#1'] },
  { src: `let a = 1; { let a = 2; a; } a;`, bindings: ['a#1 let = 1', 'a#2 let = 2'], refs: ['a → a#2', 'a → a#1'] },
  { src: `function f() { { var v = 1; } return v; }`, bindings: ['f#1 function', 'v#1 var = 1'], refs: ['v → v#1'] },
  { src: `g(); function g() {}`, bindings: ['g#1 function'], refs: ['g → g#1'], calls: ['g() in top'] },
  { src: `x; let x;`, bindings: ['x#1 let'], refs: ['x → x#1'] },
  { src: `free(undeclared);`, refs: [], calls: ['free() in top'] },
  { src: `const f = function named() { named; };`, bindings: ['f#1 const = function named() { named; }', 'named#1 function'], refs: ['named → named#1'] },
  { src: `class C { m() { C; } }`, bindings: ['C#1 class = class C { m() { C; } }'], refs: ['C → C#1'], classes: ['class C'] },
  { src: `const K = class { static { let s = 1; } };`, bindings: ['K#1 const = class { static { let s = 1; } }', 's#1 let = 1'], classes: ['class (anonymous)'] },
  { src: `class A extends B { x = y; static #p = z; [k] = 1; }`, classes: ['class A'], refs: [] },
  { src: `let B, y, z, k; class A extends B { x = y; static #p = z; [k] = 1; }`, refs: ['B → B#1', 'y → y#1', 'z → z#1', 'k → k#1'] },
  // Destructuring: the path from the initialiser to each name, and defaults.
  { src: `const { a, b: { c }, 'd': e, [k]: f, ...rest } = o;`, bindings: ['a#1 const = o .a', 'c#1 const = o .b.c', 'e#1 const = o .d', 'f#1 const = o [computed]', 'rest#1 const = o ...'] },
  { src: `const [x, , y = 'd', ...zs] = arr;`, bindings: ['x#1 const = arr [0]', "y#1 const = arr [2] default 'd'", 'zs#1 const = arr ...'] },
  { src: `let k; const { [k]: v } = o;`, refs: ['k → k#1'] },
  // Parameters: by position; destructured ones are listed apart.
  { src: `function f(a, b = 1, ...c) { a; }`, bindings: ['f#1 function', 'a#1 param #0', 'b#1 param #1 default 1', 'c#1 param #2 ...'], params: ['f(a, b, _) {c}'], refs: ['a → a#1'] },
  { src: `function f({ cwd } = {}, [p, q]) {}`, bindings: ['f#1 function', 'cwd#1 param #0 .cwd', 'p#1 param #1 [0]', 'q#1 param #1 [1]'], params: ['f(_, _) {cwd, p, q}'] },
  { src: `const g = (x) => x;`, params: ['<anonymous>(x)'], refs: ['x → x#1'] },
  // Parameters with a default have a scope of their own: the default does not see the body's `let`.
  { src: `let d = 1; function f(p = d) { let d = 2; d; }`, refs: ['d → d#1', 'd → d#2'] },
  { src: `let d = 1; function f({ [d]: p }, q = () => d) { var d; }`, refs: ['d → d#1', 'd → d#1'] },
  { src: `function f(a = 1, b) { var a, b; a; b; }`, bindings: ['f#1 function', 'a#1 param #0 default 1', 'b#1 param #1', 'a#2 var', 'b#2 var'], refs: ['a → a#2', 'b → b#2'] },
  { src: `function f(a, b) { var a; a; b; }`, bindings: ['f#1 function', 'a#1 param #0', 'b#1 param #1', 'a#2 var'], refs: ['a → a#2', 'b → b#1'] },
  // Catch, loops, switch.
  { src: `try { t(); } catch (err) { err; } finally { fin(); }`, bindings: ['err#1 catch'], refs: ['err → err#1'], calls: ['t() in top', 'fin() in top'] },
  { src: `try {} catch ({ message }) { message; }`, bindings: ['message#1 catch .message'], refs: ['message → message#1'] },
  { src: `for (const f of ['a', 'b']) f;`, bindings: ["f#1 const = ['a', 'b'] [each]"], refs: ['f → f#1'] },
  { src: `for (const k in o) k;`, bindings: ['k#1 const loop'], refs: ['k → k#1'] },
  { src: `for (var i = 0; i < n; i++) i; i;`, bindings: ['i#1 var = 0 complex'], refs: ['i → i#1', 'i → i#1', 'i → i#1', 'i → i#1'] },
  { src: `function f() { for (var v in o) {} v; }`, bindings: ['f#1 function', 'v#1 var loop'], refs: ['v → v#1'] },
  { src: `let x; for (x of xs) {}`, bindings: ['x#1 let complex'], refs: ['x → x#1'] },
  { src: `switch (s) { case 1: let a = 1; break; default: a; }`, bindings: ['a#1 let = 1'], refs: ['a → a#1'] },
  { src: `let s; switch (s) { case t(): u(); }`, refs: ['s → s#1'], calls: ['t() in top', 'u() in top'] },
  { src: `let a; outer: while (a) { do { a(); continue outer; } while (a); }`, refs: ['a → a#1', 'a → a#1', 'a → a#1'], calls: ['a() in top'] },
  // Writes: plain `=` keeps the value, anything else marks the binding.
  { src: `let a = 'x'; a = 'y'; a = 'z';`, bindings: ["a#1 let = 'x' writes 'y', 'z'"] },
  { src: `let a = 'x'; a += 'y';`, bindings: ["a#1 let = 'x' complex"] },
  { src: `let n = 0; n++;`, bindings: ['n#1 let = 0 complex'] },
  // A destructuring assignment gives each name its part of the value (a member read of it made at
  // the name's part of the pattern, printed here as that part's text); a logical assignment keeps
  // its right side as one more value.
  { src: `let a, b; ({ a, b: [b] } = o);`, bindings: ['a#1 let writes a', 'b#1 let writes b'] },
  { src: `let a, k; [a = k] = o;`, bindings: ['a#1 let writes a = k', 'k#1 let'], refs: ['a → a#1', 'k → k#1'] },
  { src: `let w, n, m; w ||= f; n ??= g; m &&= h;`, bindings: ['w#1 let writes f', 'n#1 let writes g', 'm#1 let writes h'] },
  { src: `let a, k; ({ [k]: a, ...a } = o);`, bindings: ['a#1 let complex', 'k#1 let'], refs: ['k → k#1', 'a → a#1', 'a → a#1'] },
  { src: `let a; a = 1; function f() { let a; a = 2; }`, bindings: ['f#1 function', 'a#1 let writes 1', 'a#2 let writes 2'] },
  { src: `undeclared = 1;`, bindings: [], refs: [] },
  { src: `let o; [o.x] = v; ({ y: o.y } = v);`, bindings: ['o#1 let'], refs: ['o → o#1', 'o → o#1'] },
  // Calls: every call, new and import(), with the innermost function around it.
  { src: `a.b(c).d(e(f));`, calls: ['a.b().d() in top', 'a.b() in top', 'e() in top'] },
  { src: `function outer() { const inner = () => x(); new Y(); }`, calls: ['x() in <anonymous>', 'new Y() in outer'] },
  { src: `(async () => { await import('./m.js'); })();`, calls: ['…() in top', 'import() in <anonymous>'] },
  { src: `a?.b?.(c);`, calls: ['a?.b() in top'] },
  // A tag is called with the template (execa's and zx's `$`): a call site, before what it interpolates.
  { src: 'tag`x${f()}`;', calls: ['tag`…` in top', 'f() in top'] },
  { src: `x = (f(), g());`, calls: ['f() in top', 'g() in top'] },
  { src: `function* gen() { yield f(); }`, calls: ['f() in gen'] },
  { src: `a ? b() : c ? d() : e();`, calls: ['b() in top', 'd() in top', 'e() in top'] },
  { src: `if (a()) b(); else if (c()) d(); else e();`, calls: ['a() in top', 'b() in top', 'c() in top', 'd() in top', 'e() in top'] },
  { src: `x = [f(), ...g()]; y = { [h()]: i(), j() {}, ...k() };`, calls: ['f() in top', 'g() in top', 'h() in top', 'i() in top', 'k() in top'] },
  { src: `x = !f() + -g() && \`\${h()}\`;`, calls: ['f() in top', 'g() in top', 'h() in top'] },
  { src: `throw f();`, calls: ['f() in top'] },
  { src: `with (o) f();`, calls: ['f() in top'] },
  { src: `x = a[f()][g()];`, calls: ['f() in top', 'g() in top'] },
  { src: `class A { m() { super.m(); this.n(); } }`, calls: ['super.m() in <anonymous>', 'this.n() in <anonymous>'] },
  { src: `async function f() { for await (const x of g()) h(x); }`, calls: ['g() in f', 'h() in f'] },
  // Static imports and ESM exports.
  {
    src: `import d from './a.js'; import * as ns from './b.js'; import { x, y as z, 'q r' as w } from './c.js'; d; ns; z;`,
    module: true,
    imports: ['import ./a.js', 'import ./b.js', 'import ./c.js'],
    bindings: ['d#1 import ./a.js:default', 'ns#1 import ./b.js:*', 'x#1 import ./c.js:x', 'z#1 import ./c.js:y', 'w#1 import ./c.js:q r'],
    refs: ['d → d#1', 'ns → ns#1', 'z → z#1'],
  },
  {
    src: `export const a = 1, { b } = o; export function f() {} export class C {} let l; export { l as m, l as 'n n' };`,
    module: true,
    exports: ['a = a', 'b = b', 'f = function f() {}', 'C = class C {}', 'm = l', 'n n = l'],
    refs: ['l → l#1', 'l → l#1'],
  },
  { src: `export { a as b, c } from './x.js'; export * from './y.js'; export * as ns from './z.js';`, module: true, imports: ['export-from ./x.js', 'export-from ./y.js', 'export-from ./z.js'], exports: ['b ← ./x.js:a', 'c ← ./x.js:c', 'ns ← ./z.js:*'], starExports: ['./y.js'] },
  { src: `export default function () { f(); }`, module: true, exports: ['default = function () { f(); }'], calls: ['f() in <anonymous>'] },
  { src: `export default function named() {} named;`, module: true, exports: ['default = function named() {}'], refs: ['named → named#1'] },
  { src: `export default g(1);`, module: true, exports: ['default = g(1)'], calls: ['g() in top'] },
  { src: `export default class {}`, module: true, exports: ['default = class {}'], classes: ['class (anonymous)'] },
  { src: `export async function f() { await g(); }`, module: true, calls: ['g() in f'], exports: ['f = async function f() { await g(); }'] },
  // CommonJS exports and compiled re-exports.
  { src: `module.exports = { a }; exports.b = f; module.exports.c = g; module.exports['d'] = h; other.exports.e = i;`, exports: ["'' = { a }", 'b = f', 'c = g', 'd = h'] },
  { src: `exports[name] = f; exports['x' + y] = g; exports[0] = h;`, exports: [] },
  { src: `module.exports += x; exports.y += z;`, exports: [] },
  // A bundle's module function takes `module` and `exports` as parameters: its writes are not the file's.
  { src: "const m = { './a'(module, exports) { exports.a = f; module.exports.b = g; module.exports = h; } }; exports.c = i;", exports: ['c = i'] },
  { src: `function f() { exports.a = g; }`, exports: ['a = g'] },
  { src: `__exportStar(require("./x"), exports); tslib.__exportStar(require('./t'), exports); __export(require("./y")); __reExport(t, require("./z"), module.exports);`, starExports: ['./x', './t', './y', './z'] },
  { src: `function f() { __exportStar(require("./x"), exports); }`, starExports: [] },
  // Shape: classes, prototype writes, static members.
  { src: `function C() {} C.prototype.m = function () {}; C.prototype = {}; a.b.prototype.c = 1; C.prototype.m += 1;`, prototypeWrites: ['C.prototype.m', 'C.prototype'], staticWrites: [] },
  { src: `function f() {} f.sync = function () {}; f['x'] = 1; a.b.c = 2; f.n += 1;`, staticWrites: ['f.sync'], prototypeWrites: [] },
  // `require` escaping as a value (a bound require does not).
  { src: `use(require); const o = { r: require }; const a = [require]; x.r = require; function f() { return require; }`, escapes: ['argument use(require)', 'stored', 'stored', 'stored', 'returned'] },
  { src: `function f(require) { use(require); } const require2 = require; require('x'); require.resolve('y');`, escapes: [] },
  { src: `class A { r = require; }`, escapes: ['stored'] },
  // A name declared with require is require where it escapes, unless assigned again or shadowing it.
  { src: `const r = typeof require === 'function' ? require : null; use(r); exports.r = r; let s = require; s = null; use(s);`, escapes: ['argument use(r)', 'stored'] },
  { src: `function f(require) { const r = require; use(r); }`, escapes: [] },
  // Code strings the walk folds, parsed and walked as part of the file.
  { src: `eval("let v = 1; f(v)");`, generated: ['eval'], calls: ['eval() in top', 'f() in top'], refs: ['v → v#1'] },
  { src: `const code = 'g()'; new Function('a', code);`, generated: ['function'], calls: ['new Function() in top', 'g() in anonymous'] },
  { src: `require('vm').runInThisContext("h()");`, generated: ['script'], calls: ['require().runInThisContext() in top', 'require() in top', 'h() in top'] },
  { src: `let x = 'h()'; eval(x);`, generated: [] },
];

/** What the walk recorded for `src`, as short strings that read like the source. */
function shapeOf(src: string, isModule = false, visitors = scopeVisitors): Required<Shape> {
  const program = parse(src, { ecmaVersion: 'latest', sourceType: isModule ? 'module' : 'script', allowReturnOutsideFunction: !isModule }) as AnyNode;
  const model = analyseScopes(program, visitors);
  const text = (n: Node) => src.slice(n.start, n.end);
  const fnName = (fn: Node | undefined) => (fn ? ((fn as AnyNode).id?.name ?? '<anonymous>') : 'top');
  const labels = labelBindings(model);
  const firstId = new Map<Binding, Node>();
  for (const [id, b] of model.bindingOf) if (!firstId.has(b)) firstId.set(b, id);
  return {
    bindings: [...labels].map(([b, label]) => describeBinding(b, label, text)),
    refs: [...model.bindingOf].filter(([id, b]) => firstId.get(b) !== id).sort(([x], [y]) => x.start - y.start).map(([id, b]) => `${(id as AnyNode).name} → ${labels.get(b)}`),
    calls: model.calls.map(({ node, fn }) => `${callText(node as AnyNode)} in ${fnName(fn)}`),
    imports: model.imports.map((i) => `${i.kind} ${i.source}`),
    exports: [...model.exports].map(([name, t]) => ('from' in t ? `${name} ← ${t.from}:${t.name}` : `${name === '' ? "''" : name} = ${text(t.node)}`)),
    starExports: model.starExports,
    classes: model.classes.map((c) => `class ${(c as AnyNode).id?.name ?? '(anonymous)'}`),
    prototypeWrites: model.prototypeWrites.map((w) => text((w as AnyNode).left)),
    staticWrites: model.staticWrites.map((w) => text((w as AnyNode).left)),
    params: [...model.params].map(([fn, ps]) => describeParams(fnName(fn), ps, model.patternParams.get(fn))),
    escapes: (model.loaderEscapes ?? []).map((e) => (e.call ? `${e.how} ${text(e.call)}` : e.how)),
    generated: [...(model.generated?.values() ?? [])].map((g) => g.kind),
  };
}

function labelBindings(model: ScopeModel): Map<Binding, string> {
  const labels = new Map<Binding, string>();
  const count = new Map<string, number>();
  for (const b of model.bindingOf.values()) {
    if (labels.has(b)) continue;
    const n = (count.get(b.name) ?? 0) + 1;
    count.set(b.name, n);
    labels.set(b, `${b.name}#${n}`);
  }
  return labels;
}

function describeBinding(b: Binding, label: string, text: (n: Node) => string): string {
  const parts = [label, b.kind];
  if (b.init) parts.push(`= ${text(b.init)}`);
  if (b.importSource !== undefined) parts.push(`${b.importSource}:${b.importName}`);
  if (b.paramIndex !== undefined) parts.push(`#${b.paramIndex}`);
  if (b.pattern.length > 0) parts.push(b.pattern.map(stepText).join(''));
  if (b.defaultValue) parts.push(`default ${text(b.defaultValue)}`);
  if (b.loopVariable) parts.push('loop');
  if (b.writes.length > 0) parts.push(`writes ${b.writes.map(text).join(', ')}`);
  if (b.complexWrite) parts.push('complex');
  return parts.join(' ');
}

function stepText(s: PatternStep): string {
  if ('key' in s) return `.${s.key}`;
  if ('index' in s) return `[${s.index}]`;
  if ('rest' in s) return '...';
  if ('each' in s) return '[each]';
  return '[computed]';
}

/** A call by its callee's names (generated code has no text of its own: its nodes sit at the call that runs it). */
function callText(node: AnyNode): string {
  if (node.type === 'ImportExpression') return 'import()';
  if (node.type === 'TaggedTemplateExpression') return `${calleeText(node.tag)}\`…\``;
  return `${node.type === 'NewExpression' ? 'new ' : ''}${calleeText(node.callee)}()`;
}

function calleeText(node: AnyNode): string {
  switch (node.type) {
    case 'Identifier':
      return node.name;
    case 'ThisExpression':
      return 'this';
    case 'Super':
      return 'super';
    case 'MemberExpression':
      return `${calleeText(node.object)}${node.optional ? '?.' : '.'}${node.computed ? '[…]' : node.property.name}`;
    case 'CallExpression':
      return `${calleeText(node.callee)}()`;
    case 'ChainExpression':
      return calleeText(node.expression);
    default:
      return '…';
  }
}

function describeParams(fn: string, params: (Binding | undefined)[], patterned: Binding[] | undefined): string {
  const list = `${fn}(${params.map((p) => p?.name ?? '_').join(', ')})`;
  return patterned ? `${list} {${patterned.map((b) => b.name).join(', ')}}` : list;
}

for (const row of rows) {
  test(`scope: ${row.src}`, { todo: row.todo }, () => {
    const actual = shapeOf(row.src, row.module);
    const expected: Partial<Shape> = {};
    const got: Partial<Shape> = {};
    for (const key of Object.keys(row) as (keyof Row)[]) {
      if (key === 'src' || key === 'module' || key === 'todo') continue;
      (expected as Record<string, unknown>)[key] = row[key];
      (got as Record<string, unknown>)[key] = actual[key as keyof Shape];
    }
    assert.deepEqual(got, expected);
  });
}

// Each visitor of the table matters: with it turned into one that walks nothing, some row
// above reads differently. (A visitor that only skips its node has nothing to prove.)
test('scope: every visitor of the table is needed by some row', () => {
  const expected = rows.map((row) => JSON.stringify(shapeOf(row.src, row.module)));
  const unproven: string[] = [];
  for (const [type, visitor] of Object.entries(scopeVisitors)) {
    if (isSkip(visitor)) continue;
    const dropped: Record<string, Visitor | undefined> = { ...scopeVisitors, [type]: () => {} };
    if (rows.every((row, i) => JSON.stringify(shapeOf(row.src, row.module, dropped)) === expected[i])) unproven.push(type);
  }
  assert.deepEqual(unproven, []);
});

// Nesting deeper than the stack (a tree built by hand: the parser gives up before the walk does)
// ends the walk with the stack overflow that lib/parse/index.ts reports as FILE_TOO_DEEP.
test('scope: a tree nested deeper than the stack ends the walk with a stack overflow, not a crash', () => {
  let block: AnyNode = { type: 'BlockStatement', start: 0, end: 0, body: [] } as unknown as AnyNode;
  for (let i = 0; i < 200_000; i++) block = { type: 'BlockStatement', start: 0, end: 0, body: [block] } as unknown as AnyNode;
  const program = { type: 'Program', start: 0, end: 0, sourceType: 'script', body: [block] } as unknown as Node;
  assert.throws(() => analyseScopes(program), (e) => isStackOverflow(e));
});
