import readdirp from 'readdirp';
import path from 'node:path';
const entries = [];
for await (const e of readdirp(path.join(import.meta.dirname, 'input'))) entries.push(e.path);
if (entries.length !== 2) throw new Error(String(entries));
console.log('ok');
