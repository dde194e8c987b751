// Names the evaluator may keep in plain objects: __proto__, constructor, hasOwnProperty.
const fs = require('fs');
const __proto__ = { readFileSync: fs.writeFileSync };
const obj = { __proto__: fs, constructor: 'x', hasOwnProperty: null, toString: 1 };
obj.readFileSync(__dirname + '/a');
obj['__proto__'].readFileSync('/b');
const { constructor } = require('path');
constructor.join('/c', 'd');
process.env.__proto__ = '/e';
fs.readFileSync(process.env.__proto__);
fs.readFileSync(process.env['constructor']);
require('__proto__');
require('./constructor');
