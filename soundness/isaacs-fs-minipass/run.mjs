import { ReadStream, WriteStreamSync } from '@isaacs/fs-minipass';
import fs from 'node:fs';
import path from 'node:path';
const out = path.join(import.meta.dirname, 'out.txt');
new ReadStream(path.join(import.meta.dirname, 'input', 'a.txt')).pipe(new WriteStreamSync(out)).on('close', () => {
  if (fs.readFileSync(out, 'utf8') !== 'demo\n') throw new Error('@isaacs/fs-minipass');
  console.log('ok');
});
