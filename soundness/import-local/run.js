const importLocal = require('import-local');
if (importLocal(__filename)) throw new Error('a local copy was loaded');
console.log('ok');
