// Progress of an analysis: the library calls onProgress once per file taken up, with counts and
// the file's package; the CLI shows it on stderr only when stderr is a terminal, throttled, and
// clears the line when done.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyze, type AnalyzeProgress } from '../lib/index.js';
import { mkdtempSync } from './support/temp-dirs.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'npp-progress-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

export const threeFiles = () =>
  project({
    'package.json': '{"name":"app","main":"index.js"}',
    'index.js': "require('./lib/a.js'); require('dep');",
    'lib/a.js': 'module.exports = 1;',
    'node_modules/dep/package.json': '{"name":"dep","main":"main.js"}',
    'node_modules/dep/main.js': "require('child_process').spawn('ls');",
  });

test('analyze calls onProgress once per file, counting up, with the package of each file', async () => {
  const seen: AnalyzeProgress[] = [];
  const report = await analyze({ cwd: threeFiles(), target: '22', onProgress: (p) => seen.push(p) });
  // Dependencies may be taken up before the file that found them is done: compare as sets.
  assert.deepEqual(seen.map((p) => p.files), [1, 2, 3]);
  assert.deepEqual(
    seen.map((p) => [p.file, p.package]).sort(),
    report.project.files.map((file) => [file, file.startsWith('node_modules/dep/') ? 'dep' : '.']).sort(),
  );
  assert.ok(seen.every((p) => p.found >= p.files && p.found <= report.project.files.length));
  assert.equal(seen.at(-1)!.found, 3);
});
