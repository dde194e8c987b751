import { ESLint } from 'eslint';
const eslint = new ESLint({ cwd: import.meta.dirname });
// input/node-scripts has a config of its own, which ESLint 10 finds from the file's folder.
const results = await eslint.lintFiles(['input/**/*.js']);
const errors = results.filter((r) => r.messages.length > 0).map((r) => `${r.filePath.split('/').at(-1)}:${r.messages.map((m) => m.ruleId).join('+')}`).sort().join(' ');
if (errors !== 'a.js:no-unused-vars b.js:no-undef') throw new Error(errors);
console.log('ok');
