// As its README points to: the raw commits of a repository through the API (`getRawCommits`
// with `cwd`, a `path` and `ignore`) and the bin (`git-raw-commits --from … --to …`) in its
// working folder. The script makes the repository itself (git's work, not the package's).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { getRawCommits } from 'git-raw-commits';
const repo = path.join(import.meta.dirname, 'input', 'repo');
const git = (...args) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo, encoding: 'utf8' });
git('init', '-q');
git('add', 'a.txt'); git('commit', '-q', '-m', 'feat: one');
git('add', 'b.txt'); git('commit', '-q', '-m', 'fix: two');
const commits = [];
for await (const c of getRawCommits({ cwd: repo, path: 'b.txt', ignore: 'skip' })) commits.push(c);
if (commits.length !== 1 || !commits[0].includes('fix: two')) throw new Error(JSON.stringify(commits));
const bin = path.join(import.meta.dirname, 'node_modules', 'git-raw-commits', 'src', 'cli.js');
const out = execFileSync(process.execPath, [bin, '--from', 'HEAD~1', '--to', 'HEAD'], { cwd: repo, encoding: 'utf8' });
if (!out.includes('fix: two') || out.includes('feat: one')) throw new Error(out);
console.log('ok');
