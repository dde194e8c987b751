// The CLI raises V8's optimising thresholds for its own process (cli/tier-up.ts): the flag's name
// depends on V8's version, and V8 prints an error for a flag it does not know, so each installed
// Node must take the flags chosen for its V8 without a word, and each must be one it applies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { restoreAfterFiles, tierUpFlags } from '../cli/tier-up.js';
import { withHeapGrowthBounds } from '../cli/heap-growth.js';
import type { AnalyzeProgress } from '../lib/index.js';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeBinary } from './support/node-binaries.js';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const tsxLoader = path.join(repo, 'node_modules', 'tsx', 'dist', 'loader.mjs');

test('tierUpFlags: the interrupt budget on V8 11.3, invocation counts on V8 12 to 14, nothing on others; V8\'s defaults with times 1', () => {
  assert.deepEqual(tierUpFlags('11.3.244.8-node.33'), ['--interrupt-budget=540672']);
  assert.deepEqual(tierUpFlags('11.3.244.8-node.33', 1), ['--interrupt-budget=67584']);
  assert.deepEqual(tierUpFlags('12.4.254.21-node.33'), ['--invocation-count-for-turbofan=24000', '--invocation-count-for-maglev=3200']);
  assert.deepEqual(tierUpFlags('14.1.146.11-node.1', 1), ['--invocation-count-for-turbofan=3000', '--invocation-count-for-maglev=400']);
  assert.deepEqual(tierUpFlags('11.8.172.17-node.19'), []);
  assert.deepEqual(tierUpFlags('15.0.1.1'), [], 'a later V8 may have changed its defaults');
  assert.deepEqual(tierUpFlags('not a version'), []);
});

test('withHeapGrowthBounds sets V8\'s thresholds back once restoreAfterFiles files have been analysed, and only then', () => {
  const set: string[] = [];
  const options = withHeapGrowthBounds({ cwd: '/p' }, (flag) => set.push(flag));
  for (let files = 1; files < restoreAfterFiles; files++) options.onProgress!({ files, found: 5000, file: 'a.js', package: '.' } as AnalyzeProgress);
  assert.deepEqual(set.filter((f) => /interrupt-budget|invocation-count/.test(f)), []);
  for (let files = restoreAfterFiles; files < restoreAfterFiles + 100; files++) options.onProgress!({ files, found: 5000, file: 'a.js', package: '.' } as AnalyzeProgress);
  assert.deepEqual(set.filter((f) => /interrupt-budget|invocation-count/.test(f)), tierUpFlags(process.versions.v8, 1));
});

for (const major of ['20', '22', '24', '26']) {
  test(`Node ${major}: the flags for its V8 are known to it, and set`, () => {
    // A flag V8 does not know makes it print "unrecognized flag" (and change nothing): one made up
    // after the tool's shows that such a line would be seen.
    const program = `const { tierUpFlags } = await import(${JSON.stringify(new URL('../cli/tier-up.ts', import.meta.url).href)});
const flags = tierUpFlags(process.versions.v8);
if (flags.length === 0) throw new Error('no flags for V8 ' + process.versions.v8);
for (const f of flags) (await import('node:v8')).setFlagsFromString(f);
(await import('node:v8')).setFlagsFromString('--no-such-flag-for-the-test');`;
    const r = spawnSync(nodeBinary(major), ['--import', tsxLoader, '--input-type=module', '-e', program], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const unknown = r.stderr.split('\n').filter((line) => /unrecognized flag/.test(line));
    assert.deepEqual(unknown, ['Error: unrecognized flag --no-such-flag-for-the-test'], 'only the made-up flag is refused (else this test proves nothing)');
  });
}
