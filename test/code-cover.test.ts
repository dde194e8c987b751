// Issue #14 item 2: which write grants cover code the next start runs. Each row: a grant as
// emitted, and what it covers in a project at /app that loads /app/server.js and
// /app/lib/db.js and has package.json, package-lock.json, .git and node_modules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../lib/index.js';
import { codeCovered, codeCoverFindings, emittedCovers } from '../lib/policy/code-cover.js';
import { tempProject } from './support/temp-dirs.js';

const loaded = ['/app/server.js', '/app/lib/db.js', '/app/node_modules/x/index.js'];
const existing = new Set(['/app/package.json', '/app/package-lock.json', '/app/.git', '/app/node_modules']);
const exists = (p: string) => existing.has(p);

const rows: [string, string][] = [
  ['*', 'git /app/.git'],
  ['/*', 'git /app/.git'],
  ['/app/*', 'git /app/.git'],
  ['/app*', 'git /app/.git'],
  ['/app/.git/hooks/*', 'git /app/.git/hooks'],
  ['/app/.git/hooks/pre-commit', 'git /app/.git/hooks/pre-commit'],
  ['/app/node_modules/*', 'node_modules /app/node_modules'],
  ['/app/node_modules/x/*', 'node_modules /app/node_modules/x'],
  ['/app/package.json', 'package-json /app/package.json'],
  ['/app/package*', 'package-json /app/package.json'],
  ['/app/package-lock.json', 'lockfile /app/package-lock.json'],
  ['/app/yarn.lock', 'none'], // no such file in this project
  ['/app/lib/*', 'module /app/lib/db.js'],
  ['/app/lib/d*', 'module /app/lib/db.js'],
  ['/app/server.js', 'module /app/server.js'],
  ['/app/node_modules/.cache/*', 'none'],
  ['/app/data/*', 'none'],
  ['/app/logs/app-*', 'none'],
  ['/tmp/*', 'none'],
];

for (const [grant, expected] of rows) {
  test(`write ${grant} covers ${expected}`, () => {
    const c = codeCovered(grant, '/app', loaded, exists);
    assert.equal(c ? `${c.kind} ${c.path}` : 'none', expected);
  });
}

test('one warning per site that asked for the grant; a --write grant is reported once, for the option', () => {
  const site = (line: number) => ({ file: 'server.js', line, column: 1 });
  const code = codeCoverFindings([{ path: '/app/lib/*', evidence: [{ reason: 'api', package: '.', site: site(3) }, { reason: 'api', package: '.', site: site(4) }, { reason: 'api', package: '.', site: site(3) }] }], '/app', loaded, exists);
  assert.deepEqual(code.map((d) => `${d.code} ${d.site?.line} ${d.code === 'FS_WRITE_COVERS_CODE' ? d.args.from : ''}`), ['FS_WRITE_COVERS_CODE 3 code', 'FS_WRITE_COVERS_CODE 4 code']);
  const user = codeCoverFindings([{ path: '/app/*', evidence: [{ reason: 'api', package: '.', site: site(3) }, { reason: 'user', package: '.' }] }], '/app', loaded, exists);
  assert.deepEqual(user.map((d) => `${d.site?.line} ${d.code === 'FS_WRITE_COVERS_CODE' ? `${d.args.from} ${d.args.covers} ${d.args.modules}` : ''}`), ['undefined option git 3']);
  assert.deepEqual(codeCoverFindings([{ path: '/app/data/*', evidence: [{ reason: 'api', package: '.', site: site(3) }] }], '/app', loaded, exists), []);
});

test('under --unresolved project the write fallback grants the root entries less code and secrets, and says what it left out', async () => {
  const dir = tempProject('npp-code-cover-', {
    'package.json': '{"name":"app","main":"server.js"}',
    'package-lock.json': '{}',
    'server.js': "require('fs').writeFileSync(process.argv[2], 'x');\n",
    '.env': 'T=1\n',
    'data/keep.txt': '',
    'node_modules/dep/index.js': '',
  });
  const report = await analyze({ cwd: dir, target: '22', unresolved: 'project' });
  assert.deepEqual(report.policy.fsWrite.map((g) => g.path), [`${dir}/data/*`]);
  assert.deepEqual(
    (report.policy.withheld ?? []).filter((w) => w.scope === 'write').map((w) => `${w.why} ${w.path.slice(dir.length + 1)}`),
    ['secret .env', 'code node_modules', 'code package-lock.json', 'code package.json', 'code server.js'],
  );
  assert.ok(!(report.policy.withheld ?? []).some((w) => w.scope === 'read'), 'no read was unresolved');
  assert.ok(!report.diagnostics.some((d) => d.code === 'FS_WRITE_COVERS_CODE'));
});

// The modules a grant covers are found by binary search in a sorted index (a scan of every
// module per grant took seconds on 20,000-module trees): the count and the first module in load
// order must be what testing each module with emittedCovers gives, whatever the grant's form.
test('the count and first module of a grant are those of a scan of every loaded module', () => {
  const modules = ['/app/b/x.js', '/app/a.js', '/app/b', '/app/b.js', '/app/b/y/z.js', '/app/b-c.js', '/app/b/x.js', '/app/ab.js'];
  const grants = ['*', '/', '/*', '/app/b/*', '/app/b', '/app/b*', '/app/b/x.js', '/app/a*', '/app/c/*', '/app/b/y/*', '/ap*', '/app/b.js'];
  for (const grant of grants) {
    const scanned = modules.filter((m) => emittedCovers(grant, m));
    const c = codeCovered(grant, '/app', modules, () => false);
    assert.deepEqual(c ? [c.modules, c.path] : [0, undefined], [scanned.length, scanned[0]], grant);
  }
});

test('emittedCovers: a folder grant covers the folder and below, a prefix grant every path that starts with it', () => {
  const cases: [string, string, boolean][] = [
    ['/a/b/*', '/a/b', true], ['/a/b/*', '/a/b/c', true], ['/a/b/*', '/a/bc', false], ['/a/b/*', '/a/', false], ['/a/b/*', '/a/c/d', false],
    ['/a/b*', '/a/b', true], ['/a/b*', '/a/bc/d', true], ['/a/b*', '/a/', false], ['/a/b*', '/a/c', false],
    ['/a/b', '/a/b', true], ['/a/b', '/a/b/c', false], ['*', '/x', true], ['/', '/x', true], ['/*', '/x', true],
  ];
  for (const [grant, p, covers] of cases) assert.equal(emittedCovers(grant, p), covers, `${grant} ${p}`);
});
