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
