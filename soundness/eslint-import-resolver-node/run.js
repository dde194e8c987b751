const resolver = require('eslint-import-resolver-node');
const path = require('path');
const result = resolver.resolve('./b', path.join(__dirname, 'input', 'a.js'), {});
if (!result.found || result.path !== path.join(__dirname, 'input', 'b.js')) throw new Error(JSON.stringify(result));
console.log('ok');
