// As its README shows: loadFile reads input/config.js, the default export is changed, and
// writeFile writes the result to out/config.js.
import fs from 'node:fs';
import path from 'node:path';
import { loadFile, writeFile } from 'magicast';
const dir = import.meta.dirname;
const mod = await loadFile(path.join(dir, 'input', 'config.js'));
mod.exports.default.foo.push('b');
fs.mkdirSync(path.join(dir, 'out'), { recursive: true });
await writeFile(mod, path.join(dir, 'out', 'config.js'));
if (!fs.readFileSync(path.join(dir, 'out', 'config.js'), 'utf8').includes('"b"')) throw new Error('write');
console.log('ok');
