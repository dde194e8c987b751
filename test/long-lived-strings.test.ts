// What the graph keeps to the end of the analysis, one object per need or file, is kept in as
// few objects as its values allow: every object that outlives two young-generation collections
// is copied by both and then promoted, and on Node 24 the bytes that survive decide how large
// the young generation grows (docs/limits.md, "Memory on large projects"). Counted in a heap
// snapshot taken while a report is alive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import { cachedResolve } from '../lib/graph/resolve.js';
import { nodeHost } from '../lib/host.js';
import { analyze } from '../lib/index.js';
import { ownString } from '../lib/site.js';
import { tempProject } from './support/temp-dirs.js';

const CALLS = 300;

/** The strings of the heap by their text, with the kind V8 gives each ('string', 'sliced string', ...). */
async function heapStrings(): Promise<{ type: string; text: string }[]> {
  let json = '';
  for await (const chunk of v8.getHeapSnapshot()) json += chunk;
  const snap = JSON.parse(json) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] };
  const { node_fields: fields, node_types: [types] } = snap.snapshot.meta;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const out: { type: string; text: string }[] = [];
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const type = types[snap.nodes[i + typeAt]!]!;
    if (type.endsWith('string')) out.push({ type, text: snap.strings[snap.nodes[i + nameAt]!]! });
  }
  return out;
}

test('needs that name the same API share one string, and a need path is one flat string, not a slice of a copy', async () => {
  const lines = Array.from({ length: CALLS }, (_, i) => `fs.readFileSync(path.join(__dirname, 'data', 'kept-path-number-${i}.json'));`);
  const dir = tempProject('npp-long-lived-', {
    'package.json': '{"name":"app","main":"index.js"}',
    'index.js': `const fs = require('fs');\nconst path = require('path');\n${lines.join('\n')}\n`,
  });
  const report = await analyze({ cwd: dir, target: '22' });
  assert.equal(report.needs.filter((n) => n.api === 'fs.readFileSync').length, CALLS);
  const strings = await heapStrings();
  // Before: one joined 'fs.readFileSync' per call (300); the analyser's own code and tables hold a few.
  const apiNames = strings.filter((s) => s.text === 'fs.readFileSync').length;
  assert.ok(apiNames < 10, `${apiNames} strings 'fs.readFileSync'`);
  // Before: each path a 32-byte sliced string of a copy one character longer.
  const paths = strings.filter((s) => s.text.includes('kept-path-number-') && s.text.startsWith(dir));
  assert.ok(paths.length >= CALLS, `${paths.length} path strings`);
  assert.deepEqual(paths.filter((s) => s.type === 'sliced string'), []);
  void report;
});

test('ownString keeps every string it is given exactly, lone surrogates and escapes included', () => {
  for (const s of ['short', '/a/long/enough/path/name.json', 'quote " back \\ slash \n newline\t/x/y/z', 'lone \ud800 surrogate and \udfff too, long', 'non-ascii: café 日本語 — /srv/data/ü.json', '\u0000\u001f control characters long enough']) {
    assert.equal(ownString(s), s);
  }
});

test('the resolver keeps each remembered answer under one flat key, not the joined pieces it was built from', async () => {
  const files: Record<string, string> = { 'package.json': '{"name":"app"}', 'index.js': '' };
  for (let i = 0; i < CALLS; i++) files[`lib/remembered-module-${i}.js`] = '';
  const dir = tempProject('npp-long-lived-', files);
  const resolve = cachedResolve(nodeHost);
  for (let i = 0; i < CALLS; i++) assert.equal(resolve(`./lib/remembered-module-${i}.js`, `${dir}/index.js`, 'require').kind, 'file');
  const keys = (await heapStrings()).filter((s) => s.text.startsWith('require') && s.text.includes(dir) && s.text.includes('./lib/remembered-module-'));
  assert.ok(keys.length >= CALLS, `${keys.length} keys`);
  // Before: each key a join of joins (three 32-byte objects over the pieces), which a heap
  // snapshot does not even name with their text: none was found.
  assert.deepEqual(keys.filter((s) => s.type !== 'string').map((s) => s.type).slice(0, 3), []);
  void resolve;
});
