// As its README shows: findRoot(start) finds the nearest folder above start with a package.json;
// a check of its own looks for another file; findRoot() starts from the module that required it.
const findRoot = require('find-root');
const fs = require('fs');
const path = require('path');
const pkg = path.join(__dirname, 'input', 'pkg');
const byDefault = findRoot(path.join(pkg, 'src', 'deep', 'file.js'));
const byMarker = findRoot(path.join(pkg, 'src', 'deep'), (dir) => fs.existsSync(path.join(dir, '.marker')));
const self = findRoot();
if (byDefault !== pkg || byMarker !== pkg || self !== __dirname) throw new Error([byDefault, byMarker, self].join());
console.log('ok');
