const { globSync } = require('glob');
const files = globSync('input/**/*.txt', { cwd: __dirname });
if (files.length !== 2) throw new Error(`expected 2 files, got ${files.length}`);
console.log('ok');
