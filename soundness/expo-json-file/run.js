// As its README shows: JsonFile.readAsync of a JSON5 file, an instance's getAsync and setAsync,
// mergeAsync and deleteKeyAsync (each rewrite goes through its atomic write: a temp file beside
// it, renamed), then the sync read, set and write of a new file in a folder it makes.
const fs = require('fs');
const path = require('path');
const JsonFile = require('@expo/json-file').default;
const input = path.join(__dirname, 'input', 'app.json');
const work = path.join(__dirname, 'work');
fs.mkdirSync(work, { recursive: true });
const file = path.join(work, 'app.json');
fs.copyFileSync(input, file);
(async () => {
  const all = await JsonFile.readAsync(file, { json5: true });
  if (all.expo.slug !== 'app') throw new Error(JSON.stringify(all));
  const json = new JsonFile(file, { json5: true });
  if ((await json.getAsync('name')) !== 'app') throw new Error('get');
  await json.setAsync('version', '1.0.0');
  await json.mergeAsync({ extra: true });
  await json.deleteKeyAsync('extra');
  if (JsonFile.read(file, { json5: true }).version !== '1.0.0') throw new Error('set');
  const other = path.join(work, 'nested', 'other.json');
  JsonFile.write(other, { a: 1 }, { ensureDir: true });
  JsonFile.set(other, 'b', 2);
  if (JsonFile.get(other, 'b') !== 2) throw new Error('sync');
  console.log('ok');
})().catch((error) => { console.error(error); process.exit(1); });
