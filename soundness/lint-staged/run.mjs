// As its README shows for the Node API: lintStaged() in a git repository (the working folder),
// its configuration found there. `git init`, `git add` are git's work (no Node check); the
// task, a Node script, records the file it is given.
import lintStaged from 'lint-staged';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
process.chdir(import.meta.dirname);
const git = (...args) => execFileSync('git', args, { stdio: 'ignore' });
git('init', '-q');
git('config', 'user.email', 'a@b.c');
git('config', 'user.name', 'a');
fs.writeFileSync('input/a.js', 'export const a = 1;\n');
fs.writeFileSync('input/b.txt', 'b\n');
git('add', 'input/a.js', 'input/b.txt');
const passed = await lintStaged({ quiet: true, stash: false });
const checked = fs.readFileSync('checked.txt', 'utf8');
if (!passed || !checked.endsWith('input/a.js\n') || checked.includes('b.txt')) throw new Error(`${passed} ${checked}`);
console.log('ok');
