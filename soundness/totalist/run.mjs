// As its README shows: the async form with a folder relative to the working folder, the sync
// form with an absolute one; each callback reads the file it is handed.
import { totalist } from 'totalist';
import { totalist as totalistSync } from 'totalist/sync';
import fs from 'node:fs';
import path from 'node:path';
process.chdir(import.meta.dirname);
const seen = [];
await totalist('input', (rel, abs) => seen.push(`${rel}=${fs.readFileSync(abs, 'utf8').trim()}`));
totalistSync(path.join(import.meta.dirname, 'input'), (rel) => seen.push(rel));
if (seen.length !== 6 || !seen.includes('sub/deeper/c.txt=c')) throw new Error(seen.join());
console.log('ok');
