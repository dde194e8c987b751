import { makeDirectorySync } from 'make-dir';
import path from 'node:path';
makeDirectorySync(path.join(import.meta.dirname, 'out', 'a', 'b'));
console.log('ok');
