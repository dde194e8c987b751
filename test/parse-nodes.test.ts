// The typed helpers over acorn's node types (lib/parse/nodes.ts): which values are nodes, the
// order children are visited in, and the names of dotted members and property keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, type AnyNode, type ObjectExpression, type Program } from 'acorn';
import { simple } from 'acorn-walk';
import { dotName, forEachChild, isNode, keyName, someChild } from '../lib/parse/nodes.js';

const expression = (source: string): AnyNode => {
  const program = parse(`(${source})`, { ecmaVersion: 'latest' }) as Program;
  const statement = program.body[0]!;
  assert.equal(statement.type, 'ExpressionStatement');
  return statement.expression;
};

test('isNode: objects with a string type only', () => {
  const rows: [unknown, boolean][] = [
    [{ type: 'Identifier', name: 'a' }, true],
    [{ type: 1 }, false],
    [null, false],
    [undefined, false],
    ['Identifier', false],
    [[{ type: 'Identifier' }], false],
  ];
  for (const [value, expected] of rows) assert.equal(isNode(value), expected, JSON.stringify(value));
});

test('forEachChild: every child node in key order, array items in order, null holes skipped', () => {
  const seen: string[] = [];
  forEachChild(expression('f(a, null, ...b)'), (c) => seen.push(c.type === 'Identifier' ? c.name : c.type));
  assert.deepEqual(seen, ['f', 'a', 'Literal', 'SpreadElement']);
  const holes: string[] = [];
  forEachChild(expression('[x, , y]'), (c) => holes.push(c.type === 'Identifier' ? c.name : c.type));
  assert.deepEqual(holes, ['x', 'y']);
});

test('someChild: stops at the first child that matches', () => {
  const tried: string[] = [];
  const found = someChild(expression('a + b'), (c) => {
    tried.push(c.type === 'Identifier' ? c.name : c.type);
    return true;
  });
  assert.equal(found, true);
  assert.deepEqual(tried, ['a']);
  assert.equal(someChild(expression('a + b'), () => false), false);
});

test('dotName and keyName', () => {
  const names: string[] = [];
  simple(parse('a.b; this.#x; class C { #x; m() { return this.#x } }', { ecmaVersion: 'latest', checkPrivateFields: false }), { MemberExpression: (m) => names.push(dotName(m)) });
  assert.deepEqual(names, ['b', 'x', 'x']);
  const keys = (expression("{ a: 1, 'b': 2, 3: 4, [c + d]: 5 }") as ObjectExpression).properties.map((p) => (p.type === 'Property' ? keyName(p.key) : 'spread'));
  assert.deepEqual(keys, ['a', 'b', 3, undefined]);
});
