const TestExclude = require('test-exclude');
const path = require('path');
const exclude = new TestExclude({ cwd: path.join(__dirname, 'input') });
const files = exclude.globSync();
if (files.join() !== 'a.js') throw new Error(String(files));
console.log('ok');
