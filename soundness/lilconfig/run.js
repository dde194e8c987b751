const { lilconfigSync } = require('lilconfig');
const path = require('path');
const found = lilconfigSync('demo', { stopDir: __dirname }).search(path.join(__dirname, 'input', 'sub'));
if (!found || found.config.name !== 'demo') throw new Error('lilconfig');
console.log('ok');
