const Resolver = require('jest-resolve').default;
const path = require('path');
const found = Resolver.findNodeModule('./lib/b', { basedir: path.join(__dirname, 'input') });
if (found !== path.join(__dirname, 'input', 'lib', 'b.js')) throw new Error(String(found));
console.log('ok');
