// The caching host answers what a plain host answers, with fewer file-system calls: `kind` and
// real paths from one listing per folder (on Linux), everything else remembered for the analysis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { cachingHost, listFolder, nodeHost, type Host, type ListFolder } from '../lib/host.js';
import { mkdtempSync } from './support/temp-dirs.js';

function tree(): string {
  const dir = fs.realpathSync(mkdtempSync(path.join(tmpdir(), 'npp-host-')));
  fs.mkdirSync(path.join(dir, 'lib', 'deep'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'lib', 'a.js'), '');
  fs.writeFileSync(path.join(dir, 'lib', 'deep', 'b.js'), '');
  fs.symlinkSync(path.join(dir, 'lib', 'a.js'), path.join(dir, 'lib', 'link-to-file.js'));
  fs.symlinkSync(path.join(dir, 'lib', 'deep'), path.join(dir, 'lib', 'link-to-dir'));
  fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'lib', 'broken-link.js'));
  fs.symlinkSync(path.join(dir, 'lib'), path.join(dir, 'lib-link'));
  return dir;
}

/** nodeHost and listFolder with every call counted by name. */
function counting(): { host: Host; list: ListFolder; calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  const count = <F extends (...a: never[]) => unknown>(name: string, fn: F): F => ((...args: Parameters<F>) => ((calls[name] = (calls[name] ?? 0) + 1), fn(...args))) as F;
  const host = Object.fromEntries(Object.entries(nodeHost).map(([name, fn]) => [name, count(name, fn as (...a: never[]) => unknown)])) as unknown as Host;
  return { host, list: count('list', listFolder), calls };
}

test('listFolder: entries by kind, links not followed; null for a missing folder or a file', () => {
  const dir = tree();
  const entries = listFolder(path.join(dir, 'lib'));
  assert.deepEqual(
    Object.fromEntries([...(entries ?? [])].sort()),
    { 'a.js': 'file', 'broken-link.js': 'link', deep: 'dir', 'link-to-dir': 'link', 'link-to-file.js': 'link' },
  );
  assert.equal(listFolder(path.join(dir, 'missing')), null);
  assert.equal(listFolder(path.join(dir, 'lib', 'a.js')), null);
});

test('cachingHost answers kind and realpath as the plain host does, through links, missing and odd paths', () => {
  const dir = tree();
  const cached = cachingHost(nodeHost, listFolder);
  const paths = [
    dir,
    '/',
    path.join(dir, 'lib'),
    path.join(dir, 'lib', 'a.js'),
    path.join(dir, 'lib', 'a'),
    path.join(dir, 'lib', 'deep', 'b.js'),
    path.join(dir, 'lib', 'link-to-file.js'),
    path.join(dir, 'lib', 'link-to-dir'),
    path.join(dir, 'lib', 'link-to-dir', 'b.js'),
    path.join(dir, 'lib', 'broken-link.js'),
    path.join(dir, 'lib-link', 'a.js'),
    path.join(dir, 'lib-link', 'deep', 'b.js'),
    path.join(dir, 'lib', 'a.js', 'inside-a-file'),
    path.join(dir, 'missing', 'node_modules', 'x', 'package.json'),
    path.join(dir, 'lib', 'node_modules', '@scope', 'pkg'),
    `${dir}/lib/../lib/a.js`,
    `${dir}/lib/`,
    'relative/a.js',
  ];
  for (const p of paths) {
    assert.equal(cached.kind(p), nodeHost.kind(p), `kind ${p}`);
    assert.equal(cached.realpath(p), nodeHost.realpath(p), `realpath ${p}`);
  }
});

test('on Linux, the kinds and real paths of one folder come from one listing, not a stat call each', { skip: process.platform !== 'linux' && 'listings are used on Linux only' }, () => {
  const dir = tree();
  for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(dir, 'lib', `f${i}.js`), '');
  const { host, list, calls } = counting();
  const cached = cachingHost(host, list);
  for (let i = 0; i < 20; i++) {
    assert.equal(cached.kind(path.join(dir, 'lib', `f${i}.js`)), 'file');
    assert.equal(cached.kind(path.join(dir, 'lib', `f${i}`)), undefined); // probed without an extension first
    assert.equal(cached.realpath(path.join(dir, 'lib', `f${i}.js`)), path.join(dir, 'lib', `f${i}.js`));
  }
  // A folder missing from its parent's listing is not listed (nor stat'ed).
  assert.equal(cached.kind(path.join(dir, 'lib', 'node_modules', 'pkg')), undefined);
  assert.equal(calls.kind ?? 0, 0);
  assert.equal(calls.isSymlink ?? 0, 0);
  // The folders from the root down to lib, each listed once; node_modules is not among them.
  assert.equal(calls.list, dir.split('/').length + 1);
});

test('a folder that cannot be listed, or no listing at all, is asked of the host as before', () => {
  const dir = tree();
  const { host, calls } = counting();
  const unlistable = cachingHost(host, () => undefined);
  assert.equal(unlistable.kind(path.join(dir, 'lib', 'a.js')), 'file');
  assert.equal(unlistable.kind(path.join(dir, 'lib', 'nope.js')), undefined);
  assert.equal(calls.kind, 2);
  assert.equal(cachingHost(host).kind(path.join(dir, 'lib', 'deep')), 'dir');
  assert.equal(calls.kind, 3);
});

test('analyze lists folders only for the node host: a host that answers kind itself is asked', async () => {
  const dir = tree();
  fs.writeFileSync(path.join(dir, 'package.json'), '{"main":"lib/a.js"}');
  fs.writeFileSync(path.join(dir, 'lib', 'a.js'), "require('./deep/b');\n");
  const { analyze } = await import('../lib/index.js');
  // A host hiding lib/deep: a listing would still show it.
  const hiding: Host = { ...nodeHost, kind: (p) => (p.includes(`${path.sep}deep`) ? undefined : nodeHost.kind(p)) };
  const report = await analyze({ cwd: dir, target: '22', host: hiding });
  assert.deepEqual(report.project.files, ['lib/a.js']);
  assert.deepEqual((await analyze({ cwd: dir, target: '22' })).project.files, ['lib/a.js', 'lib/deep/b.js']);
});
