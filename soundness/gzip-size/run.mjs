// As its README shows: the gzipped size of a file, as a stream and at once.
import { gzipSizeFromFile, gzipSizeFromFileSync } from 'gzip-size';
import path from 'node:path';
const file = path.join(import.meta.dirname, 'input', 'a.txt');
const [a, b] = [await gzipSizeFromFile(file), gzipSizeFromFileSync(file)];
if (a !== b || !(a > 0)) throw new Error(`${a} ${b}`);
console.log('ok');
