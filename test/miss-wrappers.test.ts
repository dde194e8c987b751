// Issue #13, items 3 and 4: every fixture whose access the analysis can only report (run.expect
// "denied") makes `generate-flags --unresolved error` exit 1, so no reported case can pass a CI
// gate unseen; and the evaluator's view of copies of capability modules, in unit cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const repo = path.join(import.meta.dirname, '..');
const cli = path.join(repo, 'cli', 'main.ts');
const tsx = path.join(repo, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** The issue #13 fixtures of this branch's classes whose run is expected to be denied. */
const reported = readdirSync(path.join(repo, 'fixtures')).filter((name) => {
  if (!/^miss-(fs|cp|path)-/.test(name)) return false;
  const c = JSON.parse(readFileSync(path.join(repo, 'fixtures', name, 'case.json'), 'utf8')) as { run?: { expect?: string } };
  return c.run?.expect === 'denied';
});

test('there are reported cases to check', () => assert.ok(reported.length >= 4, reported.join()));

for (const name of reported) {
  test(`${name}: --unresolved error exits 1 with an error at a site`, () => {
    const r = spawnSync(process.execPath, [tsx, cli, '--target', '26', '--unresolved', 'error', '--format', 'json'], { cwd: path.join(repo, 'fixtures', name, 'app'), encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(r.stdout) as { diagnostics: { code: string; severity: string; site?: { file: string } }[] };
    assert.ok(report.diagnostics.some((d) => d.severity === 'error' && d.site), r.stdout);
  });
}
