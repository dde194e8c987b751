// The repository keeps what the tests prove things with: no file of a fixture or corpus app may
// be hidden by .gitignore (an ignore rule for dist/ once hid fixture files, so a clean clone
// lacked them and CI tested something else). Only what the tests generate may be ignored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './support/fixture-folders.js';

/** Files the test setup or a failing run writes into fixtures/: compiled addons, actual.json. */
const generated = [/\/build\/Release\/addon\.node$/, /(^|\/)actual\.json$/];

test('no file under fixtures/ or corpus/ is git-ignored, except what the tests generate', (t) => {
  const git = spawnSync('git', ['ls-files', '--others', '--ignored', '--exclude-standard', '--', 'fixtures', 'corpus'], { cwd: repoRoot, encoding: 'utf8' });
  if (git.status !== 0) return t.skip(`not a git checkout (${git.stderr.trim() || 'git failed'})`);
  const hidden = git.stdout.split('\n').filter((f) => f && !generated.some((g) => g.test(f)));
  assert.deepEqual(hidden, [], `ignored by .gitignore, so missing from a clean clone:\n${hidden.join('\n')}`);
});

test('no folder of a fixture app is empty: git keeps no empty folder, so a clean clone would lack it', (t) => {
  const git = spawnSync('git', ['ls-files', '--', 'fixtures'], { cwd: repoRoot, encoding: 'utf8' });
  if (git.status !== 0) return t.skip(`not a git checkout (${git.stderr.trim() || 'git failed'})`);
  const tracked = new Set(git.stdout.split('\n').filter(Boolean));
  const empty: string[] = [];
  const walk = (dir: string): void => {
    const entries = readdirSync(path.join(repoRoot, dir), { withFileTypes: true }).filter((e) => !(e.isDirectory() && e.name === 'build'));
    if (entries.length === 0) empty.push(dir);
    for (const e of entries) if (e.isDirectory()) walk(`${dir}/${e.name}`);
  };
  for (const name of readdirSync(path.join(repoRoot, 'fixtures'))) if (tracked.has(`fixtures/${name}/case.json`) || tracked.has(`fixtures/${name}/expected.json`)) walk(`fixtures/${name}/app`);
  assert.deepEqual(empty, [], 'add a .gitkeep to each (a fixture app that writes into a folder needs it to exist in a clean clone)');
});
