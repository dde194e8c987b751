const resolve = require('enhanced-resolve');
const file = resolve.sync(__dirname, './input/mod');
if (!file.endsWith('mod.js')) throw new Error(file);
console.log('ok');
