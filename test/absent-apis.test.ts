// An access of an API no release of the target has is left out; one release that has it keeps it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withoutAbsentApis } from '../lib/policy/absent-apis.js';
import { spansOfRange } from '../lib/node-versions/range.js';
import type { Need, Unresolved } from '../lib/types.js';

const site = { file: 'bin.js', line: 3, column: 1 };
const need = (api: string): Need => ({ capability: 'fs.write', path: '/t/node-compile-cache', subtree: true, site, api, package: '.' });
const unresolved = (api: string): Unresolved => ({ capability: 'fs.read', site, api, package: '.', reason: 'compile-cache-folder', fallback: 'warn' });
const graph = { needs: [need('module.enableCompileCache'), need('fs.writeFileSync')], unresolved: [unresolved('module.enableCompileCache')], diagnostics: [] };

test('Node 20 alone: the compile cache access is gone, the others stay', () => {
  const out = withoutAbsentApis(graph, spansOfRange('20'));
  assert.deepEqual(out.needs.map((n) => n.api), ['fs.writeFileSync']);
  assert.deepEqual(out.unresolved, []);
});

test('a range with a release that has the API keeps its access', () => {
  for (const target of ['22', '>=20', '20 || 24']) {
    const out = withoutAbsentApis(graph, spansOfRange(target));
    assert.deepEqual(out.needs.map((n) => n.api), ['module.enableCompileCache', 'fs.writeFileSync'], target);
    assert.equal(out.unresolved.length, 1, target);
  }
});
