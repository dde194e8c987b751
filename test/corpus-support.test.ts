// The corpus test's own parts: how corpus.json is read, and how grants are judged against the
// folders an app's code names. The corpus run itself is test/corpus.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Report } from '../lib/report.js';
import { parseCorpusCase } from './support/corpus-case.js';
import { judgeGrants } from './support/corpus-grants.js';

const root = '/srv/app';

/** A grant is a path, or `path=reason` for a grant with one piece of evidence. */
function report(read: string[], write: string[] = [], unresolved: Partial<Report['unresolved'][number]>[] = []): Report {
  const grant = (p: string) => {
    const [grantPath, reason] = p.split('=');
    return { path: grantPath, evidence: reason ? [{ reason, package: '.' }] : [] };
  };
  return {
    project: { root, entries: [], files: [] },
    policy: { fsRead: read.map(grant), fsWrite: write.map(grant) },
    unresolved,
  } as unknown as Report;
}

const existingDirs = new Set(['/srv/app/cache']);
const isDir = (p: string) => existingDirs.has(p);

test('grants are judged against the folders the code names', () => {
  const rows: [string, string[], string[], Partial<ReturnType<typeof judgeGrants>>][] = [
    ['files only', ['/srv/app/index.js', '/srv/app/data/a.json'], ['public'], { wide: [], widest: null }],
    ['a named folder', ['/srv/app/index.js', '/srv/app/public/*'], ['public'], { wide: [], widest: 'public/*' }],
    ['below a named folder', ['/srv/app/public/img/*'], ['public'], { wide: [] }],
    ['a folder the code does not name', ['/srv/app/public/*'], [], { wide: ['public/*'] }],
    ['a package folder', ['/srv/app/node_modules/esm-pkg/*', '/srv/app/node_modules/@s/p/*'], [], { wide: [] }],
    ['node_modules itself', ['/srv/app/node_modules/*'], [], { wide: ['node_modules/*'] }],
    ['the project root', ['/srv/app/*'], ['public'], { wide: ['<app>/*'], widest: '<app>/*' }],
    ['with the reasons of the grant', ['/srv/app/*=type-module'], [], { wide: ['<app>/* (type-module)'] }],
    ['outside the app', ['/home/me/*'], ['public'], { wide: ['/home/me/*'] }],
    ['an existing folder without /*', ['/srv/app/cache'], [], { wide: ['cache'] }],
    ['the widest of several', ['/srv/app/public/img/*', '/srv/app/public/*'], ['public'], { widest: 'public/*' }],
  ];
  for (const [name, read, folders, want] of rows) {
    const got = judgeGrants(report(read), folders, isDir);
    for (const [key, value] of Object.entries(want)) assert.deepEqual(got[key as keyof typeof got], value, `${name}: ${key}`);
  }
});

test('the project fallback is told by unresolved accesses and by a grant on the root', () => {
  assert.deepEqual(judgeGrants(report(['/srv/app/index.js']), [], isDir).fallback, []);
  const unresolved = [{ fallback: 'project' as const, site: { file: 'index.js', line: 3, column: 1 }, api: 'fs.readFileSync', reason: 'parameter' as const, name: 'p' }];
  assert.deepEqual(judgeGrants(report(['/srv/app/*=unresolved-fallback'], [], unresolved), [], isDir).fallback, ['index.js:3 fs.readFileSync (parameter p)', 'a grant on the project root']);
  // Node's "type": "module" rule grants the root too, but that is no fallback.
  assert.deepEqual(judgeGrants(report(['/srv/app/*=type-module']), [], isDir).fallback, []);
  const warned = [{ ...unresolved[0]!, fallback: 'warn' as const }];
  assert.deepEqual(judgeGrants(report(['/srv/app/index.js'], [], warned), [], isDir).fallback, []);
});

test('corpus.json: folders and misses, per target or for all', () => {
  assert.deepEqual(parseCorpusCase({}), { folders: [], misses: {}, nodeArgs: [] });
  assert.deepEqual(parseCorpusCase({ nodeArgs: ['--import', 'tsx'] }).nodeArgs, ['--import', 'tsx']);
  const parsed = parseCorpusCase({ folders: ['public'], misses: { works: { '20': 'a', '22,24': 'b' }, 'no-wide-grant': 'c' } });
  assert.deepEqual(parsed.misses.works, { '20': 'a', '22': 'b', '24': 'b' });
  assert.deepEqual(parsed.misses['no-wide-grant'], { '20': 'c', '22': 'c', '24': 'c', '26': 'c' });
  const bad: [unknown, RegExp][] = [
    [{ folder: [] }, /unknown key "folder"/],
    [{ folders: ['/abs'] }, /app-relative/],
    [{ misses: { runs: 'x' } }, /unknown check "runs"/],
    [{ misses: { works: { '21': 'x' } } }, /targets/],
    [{ misses: { works: { '20': 'x', '20,22': 'y' } } }, /each once/],
    [{ misses: { works: 3 } }, /cause string/],
    [{ nodeArgs: '--import tsx' }, /nodeArgs: expected an array of strings/],
  ];
  for (const [raw, message] of bad) assert.throws(() => parseCorpusCase(raw), message, JSON.stringify(raw));
});
