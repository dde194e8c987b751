// As its README shows: detect a file that exists (relative to the working folder, the app's),
// one that does not, and with `nocase` a name spelled in the other case, which reads the folder.
const path = require('path');
const detect = require('detect-file');
if (detect('package.json') !== path.resolve('package.json')) throw new Error('package.json');
if (detect('fake-file.json') !== null) throw new Error('fake-file.json');
const found = detect(path.join(__dirname, 'input', 'NOTES.TXT'), { nocase: true });
if (found !== path.join(__dirname, 'input', 'Notes.txt')) throw new Error(String(found));
if (detect('input', { nocase: true }) !== path.resolve('input')) throw new Error('input');
console.log('ok');
