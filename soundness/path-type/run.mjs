import { isFileSync, isDirectorySync } from 'path-type';
import path from 'node:path';
if (!isFileSync(path.join(import.meta.dirname, 'input', 'a.txt')) || !isDirectorySync(path.join(import.meta.dirname, 'input'))) throw new Error('type');
console.log('ok');
