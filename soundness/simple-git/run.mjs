// As its README shows: a simpleGit instance on a folder runs git there, step by step.
import fs from 'node:fs';
import path from 'node:path';
import { simpleGit } from 'simple-git';
const repo = path.join(import.meta.dirname, 'out', 'repo');
fs.rmSync(path.dirname(repo), { recursive: true, force: true });
fs.mkdirSync(repo, { recursive: true });
fs.writeFileSync(path.join(repo, 'a.txt'), 'a');
const git = simpleGit(repo);
await git.init();
await git.addConfig('user.name', 't').addConfig('user.email', 't@t');
await git.add('a.txt');
await git.commit('one');
if (!(await git.status()).isClean()) throw new Error('status');
if ((await git.log()).total !== 1) throw new Error('log');
await git.checkoutLocalBranch('two');
console.log('ok');
