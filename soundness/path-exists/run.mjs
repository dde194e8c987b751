import { pathExistsSync } from 'path-exists';
import path from 'node:path';
if (!pathExistsSync(path.join(import.meta.dirname, 'input', 'a.txt'))) throw new Error('missing');
console.log('ok');
