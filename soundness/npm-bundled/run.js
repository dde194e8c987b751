// As its README shows: the bundled dependencies of a package folder (read from its package.json
// and those of node_modules/), by promise, then synchronously. git keeps no node_modules/, so the
// script first copies input/pkg to out/ with its deps/ as node_modules/ (a write of its own).
const fs = require('fs');
const path = require('path');
const bundled = require('npm-bundled');
const root = path.join(__dirname, 'out', 'pkg');
fs.rmSync(path.join(__dirname, 'out'), { recursive: true, force: true });
fs.cpSync(path.join(__dirname, 'input', 'pkg'), root, { recursive: true });
fs.renameSync(path.join(root, 'deps'), path.join(root, 'node_modules'));
bundled({ path: root }).then((list) => {
  if (list.sort().join() !== 'a,b') throw new Error(list.join());
  if (bundled.sync({ path: root }).sort().join() !== 'a,b') throw new Error('sync');
  console.log('ok');
});
