// As an addon built with node-pre-gyp loads itself (its README): find the binding's path from
// its package.json, then require it. Here the binding is a stand-in file whose dlopen fails.
const path = require('path');
const binary = require('@mapbox/node-pre-gyp');
const bindingPath = binary.find(path.resolve(path.join(__dirname, './package.json')));
let loaded;
try {
  loaded = require(bindingPath);
} catch (err) {
  loaded = err;
}
module.exports = { bindingPath, loaded };
