const resolveCwd = require('resolve-cwd');
const path = require('path');
if (resolveCwd('./input/a') !== path.join(process.cwd(), 'input', 'a.js')) throw new Error('resolve-cwd');
if (resolveCwd.silent('./input/none') !== undefined) throw new Error('silent');
console.log('ok');
