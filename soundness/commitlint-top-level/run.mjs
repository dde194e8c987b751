// As its README shows: the git root above a folder. First with no repository above the app
// (the walk goes up to /, undefined; where the app's folder is inside a repository, that one),
// then after `git init` made one here, from a folder two levels below it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import toplevel from '@commitlint/top-level';
const cwd = import.meta.dirname;
const deep = path.join(cwd, 'input', 'deep', 'er');
const before = await toplevel(deep);
if (before !== undefined && !fs.existsSync(path.join(before, '.git'))) throw new Error(String(before));
execFileSync('git', ['init', '-q'], { cwd });
if ((await toplevel(deep)) !== cwd) throw new Error('after git init');
console.log('ok');
