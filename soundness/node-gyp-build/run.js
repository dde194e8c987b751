const load = require('node-gyp-build');
const path = require('path');
// As its README shows: load the addon of a folder. The prebuild in input/ is a stand-in, so the
// lookup finds it and loading it fails in dlopen.
try {
  load(path.join(__dirname, 'input'));
  throw new Error('node-gyp-build loaded a stand-in');
} catch (err) {
  if (!/ELF|file too short|invalid/i.test(err.message) || !err.message.includes('node.napi.node')) throw err;
}
console.log('ok');
