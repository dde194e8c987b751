// The generated tables in lib/ are what their scripts write from the repository's own reference
// data in docs/ (docs/node-permission-model.json, docs/nodejs-security-wg-core-vulns.json): a
// change to the data without running the script fails here, and so does a hand edit of the
// generated file. Each script's --check mode is tested on planted stale data, so this cannot pass
// by checking nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { repoRoot } from './support/fixture-folders.js';
import { mkdtempSync } from './support/temp-dirs.js';

const tsxCli = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const generators = [
  { name: 'node versions', command: [path.join(repoRoot, 'scripts', 'generate-node-versions.mjs')], data: 'docs/node-permission-model.json', out: 'lib/node-versions/generated/measured.ts' },
  { name: 'advisories', command: [tsxCli, path.join(repoRoot, 'scripts', 'generate-advisories.ts')], data: 'docs/nodejs-security-wg-core-vulns.json', out: 'lib/advisories/generated/advisories.ts' },
];

/** Each planted change makes the data say something the generated file does not. */
const planted: Record<string, (data: any) => void> = {
  'node versions': (facts) => (facts.versions['20'].testedVersion = '20.99.0'),
  advisories: (index) => (index['99999'] = { cve: [], vulnerable: '4.x', patched: '^4.9.9', overview: 'not about permissions' }),
};

const check = (command: string[], extra: string[] = []) => spawnSync(process.execPath, [...command, ...extra, '--check'], { cwd: repoRoot, encoding: 'utf8' });

for (const g of generators) {
  test(`${g.out} is what its script writes from ${g.data}`, () => {
    const r = check(g.command);
    assert.equal(r.status, 0, `${r.stderr}(regenerate it and review the diff)`);
  });

  test(`${g.name}: --check fails on data the generated file does not match`, () => {
    const data = JSON.parse(readFileSync(path.join(repoRoot, g.data), 'utf8'));
    planted[g.name]!(data);
    const copy = path.join(mkdtempSync(path.join(tmpdir(), 'npp-generated-')), path.basename(g.data));
    writeFileSync(copy, JSON.stringify(data));
    const r = check(g.command, [copy]);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, new RegExp(`${g.out.replace(/[./]/g, '\\$&')} is stale`));
  });
}
