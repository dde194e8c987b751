// A grant's evidence lists each reason once: identical entries (a site met again, a module
// required again from the same call, grants merged into a folder) are kept at their first
// appearance only, and entries that differ in anything are all kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../lib/index.js';
import { distinctEvidence } from '../lib/policy/index.js';
import type { Evidence } from '../lib/types.js';

const at = (line: number) => ({ file: 'a.js', line, column: 1 });

test('identical entries are dropped after their first appearance; the order is kept', () => {
  const a: Evidence = { reason: 'api', site: at(1), api: 'fs.readFileSync', package: '.' };
  const b: Evidence = { reason: 'module-load', site: at(2), api: 'require', package: '.' };
  const list = [a, b, { ...a, site: at(1) }, b, { ...b }];
  assert.deepEqual(distinctEvidence(list), [a, b]);
  // Anything different keeps the entry: another site, detail, package or call chain.
  const different: Evidence[] = [a, { ...a, site: at(3) }, { ...a, detail: 'x' }, { ...a, package: 'dep' }, { ...a, via: [at(9)] }];
  assert.deepEqual(distinctEvidence(different), different);
});

test('no grant of a report repeats an entry (model-build-tool-configs repeated 14)', async () => {
  const app = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'model-build-tool-configs', 'app');
  const report = await analyze({ cwd: app, target: '22' });
  const lists = [...report.policy.fsRead, ...report.policy.fsWrite].map((g) => g.evidence);
  assert.ok(lists.length > 0);
  for (const list of lists) {
    const keys = list.map((e) => JSON.stringify(e));
    assert.equal(new Set(keys).size, keys.length, keys.join('\n'));
  }
});
