// As its README shows: realRequire and realImport load a module from disk by path at run time.
const path = require('path');
const { pathToFileURL } = require('url');
const { realRequire, realImport } = require('real-require');
const { join } = realRequire('path');
if (realRequire(join(__dirname, 'input', 'a.js')) !== 'cjs') throw new Error('realRequire');
realImport(pathToFileURL(path.join(__dirname, 'input', 'b.mjs')).href).then((m) => {
  if (m.default !== 'esm') throw new Error('realImport');
  console.log('ok');
});
