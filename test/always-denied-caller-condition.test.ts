// An always-denied call (futimesSync) in a dependency's function that other code reaches only
// under a condition (fs-extra 8's copySync calls its utimes helper only `if
// (opts.preserveTimestamps)`; log4js never sets it): an error only where a caller the analysis
// sees turns the condition on, a warning that quotes the condition where none does. The fixtures'
// runs prove each side on the four Nodes; this pins the severity, which expected.json does not hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyze } from '../lib/index.js';
import { repoRoot } from './support/fixture-folders.js';

async function denied(fixture: string): Promise<string[]> {
  const report = await analyze({ cwd: path.join(repoRoot, 'fixtures', fixture, 'app'), target: '22', unresolved: 'warn' });
  return report.diagnostics.filter((d) => d.code === 'API_ALWAYS_DENIED').map((d) => `${d.severity} ${d.site?.file}:${d.site?.line} ${d.code === 'API_ALWAYS_DENIED' ? `${d.args.unless ?? ''} ${d.args.condition ?? ''}` : ''}`.trim());
}

test('reached only under an option no caller sets: a warning quoting the condition', async () => {
  assert.deepEqual(await denied('precision-denied-reached-under-caller-option-off'), ['warning node_modules/copy-lite/utimes.js:5 caller opts.preserveTimestamps']);
});

test('reached under an option the app sets: an error', async () => {
  assert.deepEqual(await denied('miss-denied-reached-under-caller-option-on'), ['error node_modules/copy-lite/utimes.js:5']);
});

test('in the exported function itself, under an option the app sets in another module: an error', async () => {
  assert.deepEqual(await denied('miss-denied-in-export-under-caller-option-on'), ['error node_modules/copy-lite/index.js:10']);
});

test('in the exported function itself, under an option no caller sets: a warning quoting the condition', async () => {
  assert.deepEqual(await denied('precision-denied-in-export-under-caller-option-off'), ['warning node_modules/copy-lite/index.js:10 option opts.preserveTimestamps']);
});
