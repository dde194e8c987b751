// As npm's run-script uses it: a package with a binding.gyp and no install script of its own
// gets `node-gyp rebuild` as its install script.
const path = require('path');
const { isNodeGypPackage, defaultGypInstallScript } = require('@npmcli/node-gyp');
(async () => {
  const addon = await isNodeGypPackage(path.join(__dirname, 'input', 'addon'));
  const plain = await isNodeGypPackage(path.join(__dirname, 'input', 'plain'));
  if (!addon || plain || defaultGypInstallScript !== 'node-gyp rebuild') throw new Error('gyp');
  console.log('ok');
})();
