import { globbySync } from 'globby';
const files = globbySync('input/**/*.txt', { cwd: import.meta.dirname, gitignore: true });
if (files.length !== 1) throw new Error(String(files));
console.log('ok');
