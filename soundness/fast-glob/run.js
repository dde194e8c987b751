const fg = require('fast-glob');
const files = fg.sync('**/*.txt', { cwd: require('path').join(__dirname, 'input') });
if (files.length !== 2) throw new Error(String(files));
console.log('ok');
