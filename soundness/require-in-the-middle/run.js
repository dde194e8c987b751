const path = require('path');
const { Hook } = require('require-in-the-middle');
new Hook(['debug'], (exports, name, basedir) => {
  exports._version = require(path.join(basedir, 'package.json')).version;
  return exports;
});
if (!/^\d+\./.test(require('debug')._version)) throw new Error('require-in-the-middle');
console.log('ok');
