const globalModules = require('global-modules');
if (typeof globalModules !== 'string' || !globalModules.endsWith('node_modules')) throw new Error('global-modules');
console.log('ok');
