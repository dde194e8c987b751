const resolve = require('resolve');
const a = resolve.sync('./input/mod', { basedir: __dirname });
const b = resolve.sync('resolve/package.json', { basedir: __dirname });
if (!a.endsWith('mod.js') || !b.endsWith('package.json')) throw new Error(a + b);
console.log('ok');
