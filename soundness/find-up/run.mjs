import { findUpSync } from 'find-up';
import path from 'node:path';
const dir = path.join(import.meta.dirname, 'input', 'sub');
const found = findUpSync('marker.txt', { cwd: dir });
if (found !== path.join(import.meta.dirname, 'input', 'marker.txt')) throw new Error(`found ${found}`);
console.log('ok');
