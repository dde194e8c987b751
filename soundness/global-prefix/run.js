const prefix = require('global-prefix');
if (typeof prefix !== 'string' || !prefix) throw new Error('global-prefix');
console.log('ok');
