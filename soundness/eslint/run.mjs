import { ESLint } from 'eslint';
const eslint = new ESLint({ cwd: import.meta.dirname });
const results = await eslint.lintFiles(['input/*.js']);
if (results.length !== 1 || results[0].errorCount !== 1) throw new Error(JSON.stringify(results.map((r) => r.messages)));
console.log('ok');
