// As Metro's configuration uses it (`cacheStores`): a Cache over a FileStore in a folder of the
// app, a key made by stableHash, a JSON value and a Buffer set (the key's folder made on the first
// ENOENT) and read back, a missing key, clear(); then an AutoCleanFileStore whose clean-up pass
// (readdir of its root, stat and unlink of old files) runs after 50 ms.
const fs = require('fs');
const path = require('path');
const { AutoCleanFileStore, Cache, FileStore, stableHash } = require('metro-cache');
const root = path.join(__dirname, 'metro-cache');
(async () => {
  const cache = new Cache([new FileStore({ root })]);
  const key = stableHash({ file: 'a.js', transform: 1 });
  await cache.set(key, { code: 'a' });
  const other = stableHash(['b']);
  await cache.set(other, Buffer.from('bytes'));
  const fresh = new Cache([new FileStore({ root })]);
  if ((await fresh.get(key)).code !== 'a' || String(await fresh.get(other)) !== 'bytes') throw new Error('get');
  if ((await fresh.get(stableHash('missing'))) !== null) throw new Error('missing');
  new FileStore({ root }).clear();
  if ((await new Cache([new FileStore({ root })]).get(key)) !== null) throw new Error('clear');
  const auto = new AutoCleanFileStore({ root: path.join(__dirname, 'auto-cache'), intervalMs: 50, cleanupThresholdMs: 0 });
  await auto.set(key, { code: 'old' });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const left = fs.readdirSync(path.join(__dirname, 'auto-cache'), { recursive: true }).filter((f) => f.length > 3);
  if (left.length) throw new Error(left.join());
  console.log('ok');
  process.exit(0);
})().catch((error) => { console.error(error); process.exit(1); });
