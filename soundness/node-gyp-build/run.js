const load = require('node-gyp-build');
const path = require('path');
const input = path.join(__dirname, 'input');
// The lookup the loader makes; the prebuild is a stand-in, so loading it fails in dlopen.
if (load.path(input) !== path.join(input, 'prebuilds', 'linux-x64', 'node.napi.node')) throw new Error('node-gyp-build');
try {
  load(input);
  throw new Error('node-gyp-build loaded a stand-in');
} catch (err) {
  if (!/ELF|file too short|invalid/i.test(err.message)) throw err;
}
console.log('ok');
