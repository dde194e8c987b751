// The project fallback grants a folder that holds a secret entry by entry (lib/policy/secrets.ts
// rootFallback). Hostile or just large input must not exhaust it: a folder of 50,000 entries
// beside a secret took 51 s of CPU (each name compared with every other for the names that
// extend it); the names that extend one follow it in sorted order, so one pass is enough.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rootFallback, type FallbackTree } from '../lib/policy/secrets.js';
import { createdEntries, withCreated } from '../lib/policy/created.js';
import type { Need } from '../lib/types.js';

/** A tree of folders by absolute path, each the list of its entries; a name ending in `/` is a folder. */
function treeOf(folders: Record<string, string[]>): FallbackTree {
  const dirs = new Set(Object.keys(folders));
  return { list: (dir) => folders[dir]?.map((n) => n.replace(/\/$/, '')), isDir: (p) => dirs.has(p) };
}

const secret = (n: string) => (n === '.env' ? ('secret' as const) : undefined);

test('a folder of 200,000 entries beside a secret is granted entry by entry in one pass', { timeout: 20_000 }, () => {
  const names = Array.from({ length: 200_000 }, (_, i) => `f${i}.txt`);
  const tree = treeOf({ '/srv/app': ['data', 'index.js'], '/srv/app/data': [...names, '.env'] });
  const plan = rootFallback('/srv/app', ['data', 'index.js'], tree, secret);
  assert.equal(plan.grants.length, 200_001);
  assert.deepEqual(plan.withheld, [{ path: '/srv/app/data/.env', why: 'secret' }]);
});

test("names that extend a folder's name still make it a string prefix, and only those", () => {
  const tree = treeOf({ '/srv/app': [], '/srv/app/config': [] });
  const plan = rootFallback('/srv/app', ['.env', 'config', 'config.json', 'configs.yml', 'data.txt'], tree, secret);
  assert.deepEqual(plan.grants, [
    { path: '/srv/app/config', subtree: false, wildcard: true },
    { path: '/srv/app/data.txt', subtree: false },
  ]);
});

test('entries a resolved write makes are granted as folders beside those on disk, in the root and in a folder granted entry by entry, but not one it writes a secret into', () => {
  const folders: Record<string, string[]> = { '/srv/app': ['.env', 'config/', 'index.js'], '/srv/app/config': ['.env', 'a.json'] };
  const onDisk = (p: string) => p === '/srv/app' || p === '/srv/app/config' || Object.entries(folders).some(([d, names]) => names.some((n) => `${d}/${n.replace(/\/$/, '')}` === p));
  const needs = [
    { capability: 'fs.write', path: '/srv/app/out/report.txt' },
    { capability: 'fs.write', path: '/srv/app/out/deep/x.txt' },
    { capability: 'fs.write', path: '/srv/app/config/cache/a.bin' },
    { capability: 'fs.read', path: '/srv/app/never-written/x' },
    { capability: 'fs.write', path: '/elsewhere/x' },
    { capability: 'fs.write', path: '/srv/app/keys/cache.bin' },
    { capability: 'fs.write', path: '/srv/app/keys/id_rsa' },
  ] as Need[];
  const created = createdEntries(needs, '/srv/app', onDisk, (n) => n === '.env' || n.startsWith('id_rsa'));
  assert.deepEqual([...created].sort(), ['/srv/app/config/cache', '/srv/app/out']);
  const tree = withCreated(treeOf(folders), created);
  const plan = rootFallback('/srv/app', tree.list('/srv/app'), tree, secret);
  assert.deepEqual(plan.grants, [
    { path: '/srv/app/config/a.json', subtree: false },
    { path: '/srv/app/config/cache', subtree: true },
    { path: '/srv/app/index.js', subtree: false },
    { path: '/srv/app/out', subtree: true },
  ]);
});
