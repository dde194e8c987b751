// The compact tables of exports by name (lib/detect/named.ts) answer as the Map they were made
// from: same values, same order, and a large table stays a Map.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compactNamed, namedCount, namedMap, namedPairs, namedValue, namedValues } from '../lib/detect/named.js';

test('a small table becomes one array of exactly its pairs, answering as its Map', () => {
  const map = new Map([['', { n: 0 }], ['b', { n: 1 }], ['constructor', { n: 2 }]]);
  const compact = compactNamed(map);
  assert.ok(Array.isArray(compact));
  assert.equal((compact as unknown[]).length, 6);
  assert.equal(namedCount(compact), 3);
  for (const name of ['', 'b', 'constructor', 'toString', '__proto__', 'missing']) assert.equal(namedValue(compact, name), map.get(name), name);
  assert.deepEqual(namedValues(compact), [...map.values()]);
  assert.deepEqual([...namedPairs(compact)], [...map.entries()]);
  assert.deepEqual(namedMap(compact), map);
  assert.equal(compactNamed(compact), compact);
});

test('a table of more than eight names stays a Map; an empty one is an empty array', () => {
  const big = new Map(Array.from({ length: 9 }, (_, i) => [`n${i}`, { i }] as [string, { i: number }]));
  assert.equal(compactNamed(big), big);
  assert.equal(namedMap(big), big);
  const none = compactNamed(new Map<string, object>());
  assert.deepEqual(none, []);
  assert.equal(namedValue(none, ''), undefined);
});

test('long names (slices of a source text in acorn) are kept by value: a large table with one is a new Map of the same pairs, in order', () => {
  const source = `exports.${'getDeclaredVariables'} = 1; exports.short = 2;`;
  const long = source.slice(8, 28);
  const pairs: [string, { i: number }][] = [[long, { i: 0 }], ...Array.from({ length: 9 }, (_, i) => [`n${i}`, { i: i + 1 }] as [string, { i: number }])];
  const big = new Map(pairs);
  const compact = compactNamed(big);
  assert.notEqual(compact, big);
  assert.ok(compact instanceof Map);
  assert.deepEqual([...namedPairs(compact)], pairs);
  assert.equal(namedValue(compact, 'getDeclaredVariables'), pairs[0]![1]);
  const small = compactNamed(new Map([[long, { i: 0 }], ['short', { i: 1 }]]));
  assert.deepEqual([...namedPairs(small)], [['getDeclaredVariables', { i: 0 }], ['short', { i: 1 }]]);
});
