// The repository keeps what the tests prove things with: no file of a fixture or corpus app may
// be hidden by .gitignore (an ignore rule for dist/ once hid fixture files, so a clean clone
// lacked them and CI tested something else). Only what the tests generate may be ignored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { repoRoot } from './support/fixture-folders.js';

/** Files the test setup or a failing run writes into fixtures/: compiled addons, actual.json. */
const generated = [/\/build\/Release\/addon\.node$/, /(^|\/)actual\.json$/];

test('no file under fixtures/ or corpus/ is git-ignored, except what the tests generate', (t) => {
  const git = spawnSync('git', ['ls-files', '--others', '--ignored', '--exclude-standard', '--', 'fixtures', 'corpus'], { cwd: repoRoot, encoding: 'utf8' });
  if (git.status !== 0) return t.skip(`not a git checkout (${git.stderr.trim() || 'git failed'})`);
  const hidden = git.stdout.split('\n').filter((f) => f && !generated.some((g) => g.test(f)));
  assert.deepEqual(hidden, [], `ignored by .gitignore, so missing from a clean clone:\n${hidden.join('\n')}`);
});
