// Package "exports"/"imports" targets that Node refuses resolve to nothing, with the reason
// (lib/project/package-target.ts); each row was checked against Node 20, 22, 24 and 26 (the
// run of fixtures/resolve-package-targets-refused shows Node's own error for each).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveModule } from '../lib/graph/resolve.js';
import { memoryHost } from './support/memory-host.js';

const root = '/p';
// JSON text nested `depth` conditions deep: built as text, since JSON.stringify of it would
// itself run out of stack.
const nested = (depth: number, leaf: string): string => `${'{"require":'.repeat(depth)}${JSON.stringify(leaf)}${'}'.repeat(depth)}`;
const files: Record<string, string> = {
  'package.json': JSON.stringify({
    name: 'app',
    imports: {
      '#a': '#b',
      '#b': '#a',
      '#abs': '/p/lib/ok.js',
      '#up': '../p/lib/ok.js',
      '#url': 'file:///p/lib/ok.js',
      '#nm': './node_modules/other/index.js',
      '#dot': './lib/./ok.js',
      '#dotdot': './lib/../lib/ok.js',
      '#enc': './lib/%2e%2e/lib/ok.js',
      '#dbl': './/lib/ok.js',
      '#dep': 'other',
      '#ok': './lib/ok.js',
      '#p/*': './lib/*.js',
      '#deep': 'DEEP',
      '#arr': ['/abs.js', '../up.js', './lib/ok.js'],
      '#cond': { require: '/abs.js', default: './lib/ok.js' },
    },
  }).replace('"DEEP"', nested(50_000, './lib/ok.js')),
  'index.js': '',
  'lib/ok.js': '',
  'node_modules/other/package.json': JSON.stringify({ name: 'other', main: 'index.js' }),
  'node_modules/other/index.js': '',
  'node_modules/dep/package.json': JSON.stringify({
    name: 'dep',
    exports: { './abs': '/p/node_modules/dep/x.js', './bare': 'other', './hash': '#x', './up': './../other/index.js', './nm': './node_modules/q.js', './p/*': './*.js', './ok': './x.js' },
  }),
  'node_modules/dep/x.js': '',
  'node_modules/dep/node_modules/q.js': '',
};

// [specifier, the file it resolves to, or the problem Node refuses it for]
const rows: [string, string][] = [
  ['#a', 'import-name'],
  ['#abs', 'not-relative'],
  ['#up', 'not-relative'],
  ['#url', 'not-relative'],
  ['#nm', 'segment'],
  ['#dot', 'segment'],
  ['#dotdot', 'segment'],
  ['#enc', 'segment'],
  ['#dbl', '/p/lib/ok.js'],
  ['#dep', '/p/node_modules/other/index.js'],
  ['#ok', '/p/lib/ok.js'],
  ['#p/ok', '/p/lib/ok.js'],
  ['#p/../lib/ok', 'subpath'],
  ['#p/node_modules/x', 'subpath'],
  ['#deep', 'too-deep'],
  ['#arr', '/p/lib/ok.js'],
  ['#cond', 'not-relative'],
  ['dep/abs', 'not-relative'],
  ['dep/bare', 'not-relative'],
  ['dep/hash', 'not-relative'],
  ['dep/up', 'segment'],
  ['dep/nm', 'segment'],
  ['dep/p/../x', 'subpath'],
  ['dep/p/x', '/p/node_modules/dep/x.js'],
  ['dep/ok', '/p/node_modules/dep/x.js'],
];

const host = memoryHost(root, files);
for (const [specifier, expected] of rows) {
  test(`${specifier} → ${expected}`, () => {
    const r = resolveModule(host, specifier, '/p/index.js', 'require');
    const got = r.kind === 'file' ? r.file : r.kind === 'missing' ? (r.invalid?.problem ?? 'missing') : r.kind;
    assert.equal(got, expected);
    if (r.kind === 'missing' && r.invalid) assert.equal(r.invalid.packageJson, specifier.startsWith('#') ? '/p/package.json' : '/p/node_modules/dep/package.json');
  });
}

// `?` and `#` in a specifier: characters of the path for CommonJS, a URL's query and fragment for
// an import (measured on 20.20.2 and 26.10.0; fixtures/miss-require-specifier-hash-question runs it).
test('a require keeps ? and # in its path; an import drops them as query and fragment', () => {
  const h = memoryHost(root, { 'package.json': '{}', 'index.js': '', 'lib/a.js': '', 'lib/a?v.js': '', 'lib/#/b.js': '', 'lib/index.js': '' });
  const file = (spec: string, kind: 'require' | 'import') => {
    const r = resolveModule(h, spec, '/p/index.js', kind);
    return r.kind === 'file' ? r.file : r.kind;
  };
  assert.equal(file('./lib/a?v.js', 'require'), '/p/lib/a?v.js');
  assert.equal(file('./lib/#/b', 'require'), '/p/lib/#/b.js');
  assert.equal(file('./lib/a.js?v', 'import'), '/p/lib/a.js');
  assert.equal(file('./lib/a.js#top', 'import'), '/p/lib/a.js');
});
