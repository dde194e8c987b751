// As husky's docs show for a custom install script: husky() in the project's folder (the working
// folder), which must be a git repository. `git init` is git's work (no Node check); husky then runs
// `git config core.hooksPath .husky/_` and writes its hooks into .husky/_.
import husky from 'husky';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
execFileSync('git', ['init', '-q']);
const message = husky();
if (message !== '' || !fs.existsSync('.husky/_/pre-commit')) throw new Error(message);
console.log('ok');
