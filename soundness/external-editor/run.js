// edit() as its README shows, with $EDITOR a Node script and the temporary file in scratch/
// (os.tmpdir() holds the app copy in this measurement).
const path = require('path');
const { edit } = require('external-editor');
process.env.EDITOR = `${process.execPath} ${path.join(__dirname, 'editor.js')}`;
const text = edit('first\n', { dir: path.join(__dirname, 'scratch'), postfix: '.txt' });
if (text !== 'first\nedited\n') throw new Error(JSON.stringify(text));
console.log('ok');
