// As its README shows: launchEditor(file:line, editor, onError). The editor is this node
// running input/editor.js (a command line launch-editor parses), which records its arguments.
const fs = require('fs');
const path = require('path');
const launchEditor = require('launch-editor');
const file = path.join(__dirname, 'input', 'a.txt');
const editor = `${process.execPath} ${path.join(__dirname, 'input', 'editor.js')}`;
launchEditor(`${file}:2`, editor, (fileName, message) => {
  throw new Error(`${fileName}: ${message}`);
});
setTimeout(function check(tries) {
  const out = path.join(__dirname, 'out.txt');
  if (fs.existsSync(out) && fs.readFileSync(out, 'utf8').includes('a.txt')) return console.log('ok');
  if (tries > 50) throw new Error('editor did not run');
  setTimeout(check, 100, tries + 1);
}, 100, 0);
