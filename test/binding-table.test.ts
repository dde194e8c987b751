// bindingOf keeps each identifier's binding on the identifier (lib/parse/binding-table.ts): the
// lookups and the order it lists them in are a Map's, the tree still reads as acorn made it, and
// a tree already walked is refused (its identifiers would carry the first walk's bindings).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, type AnyNode, type Identifier } from 'acorn';
import { full } from 'acorn-walk';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyseScopes } from '../lib/parse/scope.js';
import { parseSyntax } from '../lib/parse/syntax.js';
import { fixturesRoot } from './support/fixture-folders.js';

const src = `f(a); function f(x) { return x + a + g; } var a = 1; a = 2; { let a = 3; f(a); }`;
const program = () => parse(src, { ecmaVersion: 'latest', sourceType: 'script' }) as AnyNode;

test('bindingOf: declarations first, then bound references, each with the binding its scope sees', () => {
  const tree = program();
  const model = analyseScopes(tree);
  const listed = [...model.bindingOf].map(([id, b]) => `${(id as Identifier).name}@${id.start}→${b.name}:${b.kind}`);
  // What the Map this replaced listed for the same source (checked against the build before it).
  assert.deepEqual(listed, [
    'f@15→f:function',
    'x@17→x:param',
    'a@46→a:var',
    'a@66→a:let',
    'f@0→f:function',
    'a@2→a:var',
    'x@29→x:param',
    'a@33→a:var',
    'a@53→a:var',
    'f@73→f:function',
    'a@75→a:let',
  ]);
  assert.deepEqual([...model.bindingOf.values()].map((b) => b.name), listed.map((l) => l.split('→')[1]!.split(':')[0]));
  // `g` is a global: no binding, as a Map would have none for it.
  const ids: Identifier[] = [];
  full(tree as never, (n) => {
    if ((n as AnyNode).type === 'Identifier') ids.push(n as Identifier);
  });
  const g = ids.find((i) => i.name === 'g')!;
  assert.equal(model.bindingOf.get(g), undefined);
  assert.equal(model.bindingOf.has(g), false);
  assert.equal(model.bindingOf.has(ids.find((i) => i.name === 'x')!), true);
});

test('bindingOf: the tree still reads as acorn made it (keys, JSON)', () => {
  const tree = program();
  const before = JSON.stringify(tree);
  const keys = (n: AnyNode) => Object.keys(n).join(',');
  const keysBefore: string[] = [];
  full(tree as never, (n) => keysBefore.push(keys(n as AnyNode)));
  analyseScopes(tree);
  assert.equal(JSON.stringify(tree), before);
  const keysAfter: string[] = [];
  full(tree as never, (n) => {
    const k: string[] = [];
    for (const key in n) k.push(key);
    keysAfter.push(k.join(','));
  });
  assert.deepEqual(keysAfter, keysBefore);
});

test('analyseScopes: a tree already walked is refused', () => {
  const tree = program();
  analyseScopes(tree);
  assert.throws(() => analyseScopes(tree), /walked already/);
});

test('bindings() lists each binding once in the order values() first yields it; identifiersOf is the iteration filtered', () => {
  const model = analyseScopes(program());
  const firstSeen = [...new Set(model.bindingOf.values())];
  assert.deepEqual(model.bindingOf.bindings(), firstSeen);
  assert.equal(model.bindingOf.bindings(), model.bindingOf.bindings(), 'made once');
  assert.equal(firstSeen.length, 4, 'f, x, the var a, the let a');
  for (const wanted of [new Set(firstSeen.slice(0, 1)), new Set(firstSeen.slice(2)), new Set(firstSeen), new Set()]) {
    const filtered = [...model.bindingOf].filter(([, b]) => wanted.has(b)).map(([id]) => id);
    assert.deepEqual(model.bindingOf.identifiersOf(wanted), filtered);
  }
});

test('bindings() is the first-seen list of values() for every fixture file (it relies on the walk giving each declared name a binding of its own)', () => {
  let checked = 0;
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.(c|m)?js$/.test(entry.name)) {
        const parsed = parseSyntax(fs.readFileSync(p, 'utf8'), 'cjs', true);
        if ('error' in parsed) continue;
        const model = analyseScopes(parsed.ast);
        assert.deepEqual(model.bindingOf.bindings(), [...new Set(model.bindingOf.values())], p);
        checked++;
      }
    }
  };
  walk(fixturesRoot());
  assert.ok(checked > 500, `${checked} files`);
});
