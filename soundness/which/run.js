const which = require('which');
if (!which.sync('sh')) throw new Error('no sh');
console.log('ok');
