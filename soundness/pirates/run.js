const { addHook } = require('pirates');
const revert = addHook((code) => `module.exports = ${JSON.stringify(code.trim())};`, { exts: ['.txt'], ignoreNodeModules: true });
const text = require('./input/a.txt');
revert();
if (text !== 'hello') throw new Error(text);
console.log('ok');
