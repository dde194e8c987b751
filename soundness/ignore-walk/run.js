// As its README shows: the files of a folder less those its .ignore files (at any level) name,
// by promise, then synchronously.
const path = require('path');
const walk = require('ignore-walk');
const root = path.join(__dirname, 'input');
const want = 'a.txt,sub/c.txt';
walk({ path: root, ignoreFiles: ['.ignore'] }).then((files) => {
  if (files.sort().join() !== want) throw new Error(files.join());
  const again = walk.sync({ path: root, ignoreFiles: ['.ignore'] });
  if (again.sort().join() !== want) throw new Error(again.join());
  console.log('ok');
});
