// As its README shows: whether a file is binary, by its path, async and sync.
import path from 'node:path';
import { isBinaryFile, isBinaryFileSync } from 'isbinaryfile';
const input = path.join(import.meta.dirname, 'input');
if (await isBinaryFile(path.join(input, 'text.txt'))) throw new Error('text');
if (!(await isBinaryFile(path.join(input, 'image.png')))) throw new Error('image');
if (!isBinaryFileSync(path.join(input, 'image.png')) || isBinaryFileSync(path.join(input, 'text.txt'))) throw new Error('sync');
console.log('ok');
