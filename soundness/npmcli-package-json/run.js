// As its README shows: load a package folder's package.json, change it and save it; prepare it
// as npm publishes it (it globs and reads the README, reads AUTHORS and checks its bins); normalize;
// create one in a new folder. The package is copied to out/ first (a write of its own).
const fs = require('fs');
const path = require('path');
const PackageJson = require('@npmcli/package-json');
const pkg = path.join(__dirname, 'out', 'pkg');
const made = path.join(__dirname, 'out', 'made');
(async () => {
  fs.rmSync(path.join(__dirname, 'out'), { recursive: true, force: true });
  fs.cpSync(path.join(__dirname, 'input', 'pkg'), pkg, { recursive: true });
  fs.mkdirSync(made);
  const loaded = await PackageJson.load(pkg);
  loaded.update({ description: 'changed' });
  await loaded.save();
  if (JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')).description !== 'changed') throw new Error('save');
  const prepared = await PackageJson.prepare(pkg);
  if (!prepared.content.readme?.includes('A package') || prepared.content.contributors?.[0]?.name !== 'Ann') throw new Error('prepare');
  const normalized = await PackageJson.normalize(pkg);
  if (normalized.content.name !== 'pkg') throw new Error('normalize');
  const created = await PackageJson.create(made, { data: { name: 'made', version: '0.1.0' } });
  await created.save();
  if (!fs.existsSync(path.join(made, 'package.json'))) throw new Error('create');
  console.log('ok');
})();
