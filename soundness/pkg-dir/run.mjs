import { packageDirectorySync } from 'pkg-dir';
import path from 'node:path';
const dir = packageDirectorySync({ cwd: path.join(import.meta.dirname, 'input', 'sub') });
if (dir !== import.meta.dirname) throw new Error(dir);
console.log('ok');
