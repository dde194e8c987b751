// Names given one another's value, followed back to an import (lib/detect/handed-on-import.ts
// isImported, MAX_ALIAS_STEPS): each name is answered once per steps left (perf-19). Before,
// every write of every name on the way was followed again at each step: seven names each
// written twelve times from the next (a 97-line file) cost 12^7 follows, 31 s of one analysis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { handedOnImports } from '../lib/detect/handed-on-import.js';
import { model } from './support/snippet.js';

/** `levels` names, each written `writes` times from a member of the next; the last is `last`. */
function chain(levels: number, writes: number, last: string): string {
  const lines = [`const lib = require('./lib');`];
  for (let i = 0; i <= levels; i++) lines.push(`let v${i} = ${i === levels ? last : '0'};`);
  lines.push('function step() {');
  for (let i = 0; i < levels; i++) for (let j = 0; j < writes; j++) lines.push(`  v${i} = v${i + 1}.m${j};`);
  lines.push('}', 'step();', 'setTimeout(v0);');
  return lines.join('\n');
}

const handedNames = (source: string) => handedOnImports(model(source)).map((h) => (h.node as unknown as { name?: string }).name);

test('a name written many times from names written many times is answered once per name: seven levels of twenty writes, not 20^7 follows', () => {
  const started = Date.now();
  assert.deepEqual(handedNames(chain(7, 20, '0')), []);
  // 1.3 billion follows before: minutes even on an idle machine. Answered per name, a few milliseconds.
  assert.ok(Date.now() - started < 20_000, `took ${Date.now() - started} ms`);
});

test('the chain still leads to the import it ends at, within the steps, and past them is judged as if it did', () => {
  assert.deepEqual(handedNames(chain(7, 3, 'lib.r')), ['v0']);
  assert.deepEqual(handedNames(chain(3, 3, '1')), []);
  // Nine names: past MAX_ALIAS_STEPS (8) the name is a candidate anyway (the evaluator says what it is).
  assert.deepEqual(handedNames(chain(9, 2, '1')), ['v0']);
});
