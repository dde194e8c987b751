// As its README shows (simple-git uses it on its base folder): whether a path exists as a file,
// a folder, or either.
const path = require('path');
const { exists, FILE, FOLDER } = require('@kwsites/file-exists');
const input = path.join(__dirname, 'input');
if (!exists(path.join(input, 'file.txt'), FILE) || exists(path.join(input, 'file.txt'), FOLDER)) throw new Error('file');
if (!exists(path.join(input, 'folder'), FOLDER) || !exists(path.join(input, 'folder'))) throw new Error('folder');
if (exists(path.join(input, 'missing'))) throw new Error('missing');
console.log('ok');
