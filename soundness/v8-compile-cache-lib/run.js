const { install } = require('v8-compile-cache-lib');
const { uninstall } = install();
const add = require('./input/a.js');
if (add(1, 2) !== 3) throw new Error('v8-compile-cache-lib');
uninstall();
console.log('ok');
