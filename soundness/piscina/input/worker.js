const fs = require('fs');
const path = require('path');
function add({ a, b }) {
  return a + b;
}
function readNote() {
  return fs.readFileSync(path.join(__dirname, 'note.txt'), 'utf8').trim();
}
module.exports = add;
module.exports.add = add;
module.exports.readNote = readNote;
