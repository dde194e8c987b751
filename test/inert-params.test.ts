// Which parameters of a function only receive members (lib/detect/inert-params.ts): a module
// object handed to one of them lets none of the module's functions escape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../lib/parse/index.js';
import { inertParams } from '../lib/detect/inert-params.js';

/** inertParams of the first function declared in `code`. */
function inertOfFirst(code: string): number[] | undefined {
  const parsed = parseFile('/app/index.js', code, 'cjs', false, () => ({ file: 'index.js', line: 1, column: 1 }));
  assert.ok(parsed.ok);
  const fn = (parsed.model.ast as unknown as { body: { type: string }[] }).body.find((s) => s.type === 'FunctionDeclaration');
  assert.ok(fn, code);
  return inertParams(parsed.model, fn as never);
}

const rows: [string, number[] | undefined][] = [
  // thenify-all's withCallback(source, destination, methods): members written onto destination, which is returned.
  ['function fill(source, dest, names) { for (const n of names) dest[n] = wrap(source[n]); return dest }', [1]],
  ['function w(s, d, m) { return all(s, d, m) } function all(s, d, m) { if (!d) d = {}; m.forEach(function (n) { if (s[n]) d[n] = p(s[n]) }); return d }', [1]],
  ['function r(m) { m.exports.save = () => 1 }', undefined],
  ['function r(m) { m.save = function (p) { return p } }', [0]],
  // Not inert: a member called, read, handed to another module's function, stored, a deeper member written.
  ['function r(m) { m.exports.read("/x") }', undefined],
  ['function r(m) { m.read("/x") }', undefined],
  ['function r(m) { const f = m.read; f() }', undefined],
  ['function r(m) { registry.push(m) }', undefined],
  ['function r(m) { all.push(m); m.x = 1 }', undefined],
  ['function r(m) { other(m) }', undefined],
];

test('inertParams finds the parameters a function only writes members onto', () => {
  for (const [code, expected] of rows) assert.deepEqual(inertOfFirst(code), expected, code);
});

// perf-18: one walk of the body answers for every parameter; each answer must be the one a walk
// of its own gives (a use of one parameter that is not inert leaves the others as they are).
const manyRows: [string, number[] | undefined][] = [
  ['function f(a, b, c) { a.x = 1; b.read(); if (c) c.y = 2; return a }', [0, 2]],
  ['function f(a, b, c) { b(a); c.z = 1 }', [2]],
  // A sloppy function may repeat a name: both places are the one variable.
  ['function f(a, a) { a.x = 1 }', [0, 1]],
  ['function f(a, b, a) { a.read(); b.x = 1 }', [1]],
  // Not identifiers: never inert, and they do not stop the others.
  ['function f({ p }, b, ...rest) { b.x = p; rest.push(1) }', [1]],
  // Handed to a function of this file whose parameter at that place is inert (and one whose is not).
  ['function f(a, b) { g(a, b) } function g(x, y) { x.k = 1; y.read() }', [0]],
  // Past the nodes looked at (2,000): none is inert, however they are used.
  [`function f(a, b) { a.x = 1; b.y = 2; ${'q();'.repeat(700)} }`, undefined],
];

test('inertParams answers each parameter as a walk of its own would, in one walk', () => {
  for (const [code, expected] of manyRows) assert.deepEqual(inertOfFirst(code), expected, code);
});
