// The published CLI (cli.js), as its documentation shows, in the app's folder with its
// commitlint.config.mjs (extending @commitlint/config-conventional): a message on standard input
// that passes and one that fails, then, as a commit-msg hook runs it, --edit of the message git
// prepared (.git/COMMIT_EDITMSG of the repository `git init` made here) and of a file named.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const bin = path.join(__dirname, 'node_modules', '@commitlint', 'cli', 'cli.js');
const lint = (args, input) => spawnSync(process.execPath, [bin, ...args], { cwd: __dirname, input, encoding: 'utf8' });
const good = lint([], 'feat: add a thing\n');
if (good.status !== 0) throw new Error(good.stdout + good.stderr);
const bad = lint([], 'Added A Thing.\n');
if (bad.status !== 1 || !bad.stdout.includes('type-empty')) throw new Error(bad.stdout + bad.stderr);
const git = spawnSync('git', ['init', '-q'], { cwd: __dirname });
if (git.status !== 0) throw new Error(String(git.stderr));
fs.writeFileSync(path.join(__dirname, '.git', 'COMMIT_EDITMSG'), 'docs: explain the hook\n');
const hook = lint(['--edit']);
if (hook.status !== 0) throw new Error(hook.stdout + hook.stderr);
const edited = lint(['--edit', path.join('input', 'COMMIT_EDITMSG')]);
if (edited.status !== 0) throw new Error(edited.stdout + edited.stderr);
console.log('ok');
