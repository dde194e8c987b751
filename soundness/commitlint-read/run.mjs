// As its API documentation shows, in a repository `git init` made here with two commits: read
// of a range (from the first commit to HEAD, through git log), of the last commit, of the message
// git prepared (edit: true, .git/COMMIT_EDITMSG) and of a file named by edit.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import read from '@commitlint/read';
const cwd = import.meta.dirname;
const git = (...args) => execFileSync('git', ['-c', 'user.name=Soundness', '-c', 'user.email=soundness@example.com', ...args], { cwd, encoding: 'utf8' }).trim();
git('init', '-q');
git('commit', '-q', '--allow-empty', '-m', 'feat: first');
const first = git('rev-parse', 'HEAD');
git('commit', '-q', '--allow-empty', '-m', 'fix: second');
const range = await read({ from: first, to: 'HEAD', cwd });
if (range.length !== 1 || !range[0].startsWith('fix: second')) throw new Error(JSON.stringify(range));
const last = await read({ last: true, cwd });
if (last[0] !== 'fix: second') throw new Error(JSON.stringify(last));
fs.writeFileSync(path.join(cwd, '.git', 'COMMIT_EDITMSG'), 'docs: prepared by git\n');
const edit = await read({ edit: true, cwd });
if (!edit[0].startsWith('docs: prepared by git')) throw new Error(JSON.stringify(edit));
const named = await read({ edit: 'input/MSG', cwd });
if (!named[0].startsWith('chore: a message in a file')) throw new Error(JSON.stringify(named));
console.log('ok');
