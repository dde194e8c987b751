// As its README shows: required first, it caches the compiled code of every module required
// after it, in the temp folder, written when the process exits.
require('v8-compile-cache');
const lib = require('./input/lib.js');
if (lib.twice(2) !== 4) throw new Error('lib');
console.log('ok');
