// As its README shows: files and folders in the temp folder, written and read back, a task's
// folder removed after it.
import fs from 'node:fs';
import path from 'node:path';
import { temporaryWrite, temporaryWriteSync, temporaryDirectoryTask, temporaryFile, temporaryDirectory } from 'tempy';
const a = await temporaryWrite('a', { extension: 'txt' });
if (fs.readFileSync(a, 'utf8') !== 'a') throw new Error(a);
const b = temporaryWriteSync('b', { name: 'b.txt' });
if (fs.readFileSync(b, 'utf8') !== 'b') throw new Error(b);
let seen;
await temporaryDirectoryTask(async (dir) => {
  seen = dir;
  fs.writeFileSync(path.join(dir, 'c.txt'), 'c');
});
if (fs.existsSync(seen)) throw new Error(seen);
const named = temporaryFile({ name: 'd.json' });
fs.writeFileSync(named, '{}');
const dir = temporaryDirectory({ prefix: 'soundness' });
for (const f of [a, b, named, path.dirname(b), path.dirname(named), dir]) fs.rmSync(f, { recursive: true, force: true });
console.log('ok');
