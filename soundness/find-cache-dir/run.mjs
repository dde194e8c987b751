import findCacheDirectory from 'find-cache-dir';
import fs from 'node:fs';
import path from 'node:path';
const dir = findCacheDirectory({ name: 'demo', cwd: import.meta.dirname, create: true });
if (dir !== path.join(import.meta.dirname, 'node_modules', '.cache', 'demo') || !fs.statSync(dir).isDirectory()) throw new Error(String(dir));
console.log('ok');
