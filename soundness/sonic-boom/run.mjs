// As its README shows: a SonicBoom on a file path (its folder made with mkdir), written, flushed and ended;
// then a synchronous one on an append-only second file.
import SonicBoom from 'sonic-boom';
import fs from 'node:fs';
import path from 'node:path';
const out = path.join(import.meta.dirname, 'out');
const a = new SonicBoom({ dest: path.join(out, 'logs', 'a.log'), mkdir: true });
a.write('hello\n');
await new Promise((resolve, reject) => { a.on('close', resolve); a.on('error', reject); a.end(); });
const b = new SonicBoom({ dest: path.join(out, 'b.log'), sync: true, append: true });
b.write('world\n');
b.flushSync();
b.destroy();
if (fs.readFileSync(path.join(out, 'logs', 'a.log'), 'utf8') !== 'hello\n') throw new Error('sonic-boom');
console.log('ok');
