import { hfs } from '@humanfs/node';
import path from 'node:path';
const dir = path.join(import.meta.dirname, 'out');
await hfs.createDirectory(dir);
await hfs.write(path.join(dir, 'a.txt'), 'demo');
if ((await hfs.text(path.join(dir, 'a.txt'))) !== 'demo') throw new Error('hfs');
for await (const entry of hfs.list(dir)) if (entry.name !== 'a.txt') throw new Error(entry.name);
await hfs.deleteAll(dir);
console.log('ok');
