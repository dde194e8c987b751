// As its README shows: isDirectory(path, cb) of a folder and a file, then isDirectory.sync of
// a folder and of a path that does not exist.
const path = require('path');
const isDirectory = require('is-directory');
const input = path.join(__dirname, 'input');
isDirectory(path.join(input, 'folder'), (err, folder) => {
  if (err || folder !== true) throw err || new Error('folder');
  isDirectory(path.join(input, 'file.txt'), (err2, file) => {
    if (err2 || file !== false) throw err2 || new Error('file');
    if (!isDirectory.sync(input) || isDirectory.sync(path.join(input, 'missing'))) throw new Error('sync');
    console.log('ok');
  });
});
