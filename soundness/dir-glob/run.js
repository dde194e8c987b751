const dirGlob = require('dir-glob');
const patterns = dirGlob.sync(['input', 'missing.txt'], { cwd: __dirname, extensions: ['txt'] });
if (patterns[0] !== 'input/**/*.txt') throw new Error(String(patterns));
console.log('ok');
