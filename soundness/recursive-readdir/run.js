// As its README shows: recursive(dir, cb) of a tree, with an ignore glob, with an ignore
// function (given each file's stats), and as a promise.
const path = require('path');
const recursive = require('recursive-readdir');
const tree = path.join(__dirname, 'input', 'tree');
const names = (files) => files.map((f) => path.relative(tree, f)).sort().join(',');
recursive(tree, (err, all) => {
  if (err || names(all) !== 'a.md,b.js,sub/c.md,sub/d.txt,sub/deeper/e.js') throw err || new Error(names(all));
  recursive(tree, ['*.md', (file, stats) => stats.isDirectory() && path.basename(file) === 'deeper'], async (err2, some) => {
    if (err2 || names(some) !== 'b.js,sub/d.txt') throw err2 || new Error(names(some));
    const promised = await recursive(path.join(tree, 'sub'));
    if (promised.length !== 3) throw new Error(names(promised));
    console.log('ok');
  });
});
