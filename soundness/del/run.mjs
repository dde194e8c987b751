// As its README shows: deleteAsync with a negated pattern, then deleteSync of a folder. The
// app copies input/ to out/ first (a user's own write), so the input stays for the next run.
import fs from 'node:fs';
import path from 'node:path';
import { deleteAsync, deleteSync } from 'del';
const dir = import.meta.dirname;
const out = path.join(dir, 'out');
fs.cpSync(path.join(dir, 'input'), out, { recursive: true });
const files = await deleteAsync(['out/*.tmp', '!out/keep.tmp'], { cwd: dir });
if (files.length !== 1 || !fs.existsSync(path.join(out, 'keep.tmp'))) throw new Error(files.join());
deleteSync([path.join(out, 'sub')]);
if (fs.existsSync(path.join(out, 'sub'))) throw new Error('sub');
console.log('ok');
