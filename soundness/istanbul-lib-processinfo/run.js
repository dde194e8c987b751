// As nyc uses it: ProcessInfo records saved (async and sync) in a processinfo folder, a ProcessDB
// on it writing and reading its index.json, building the tree from the records, expunging an
// external id's records (rimraf), and spawning a named process (cross-spawn; `nyc` is named by
// the `nyc` option, node here).
const fs = require('fs');
const path = require('path');
const { ProcessDB, ProcessInfo } = require('istanbul-lib-processinfo');
const directory = path.join(__dirname, 'tmp', 'processinfo');
fs.mkdirSync(directory, { recursive: true });
(async () => {
  const root = new ProcessInfo({ files: ['a.js'] });
  root.directory = directory;
  await root.save();
  const child = new ProcessInfo({ parent: root.uuid, files: ['b.js'], externalId: 'named' });
  child.directory = directory;
  child.saveSync();
  const db = new ProcessDB(directory);
  const index = await db.writeIndex();
  if (index.processes[root.uuid].children[0] !== child.uuid) throw new Error(JSON.stringify(index));
  if (!(await db.readIndex()).externalIds.named) throw new Error('read');
  await db.buildProcessTree();
  if (db.nodes.length !== 1) throw new Error('tree');
  await db.expunge('named');
  if (fs.existsSync(path.join(directory, `${child.uuid}.json`))) throw new Error('expunge');
  const proc = await db.spawn('other', path.join(__dirname, 'input', 'child.js'), [], { nyc: process.execPath, stdio: 'pipe' });
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  const code = await new Promise((resolve) => proc.on('close', resolve));
  if (code !== 0 || out.trim() !== 'child') throw new Error(`${code} ${out}`);
  console.log('ok');
})().catch((error) => { console.error(error); process.exit(1); });
