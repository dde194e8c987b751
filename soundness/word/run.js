// As its README's API shows: WORD.readFile of an RTF, an HTML and a plain text document (the
// format told by the first bytes), and WORD.read of a buffer the app read itself.
const fs = require('fs');
const path = require('path');
const WORD = require('word');
const input = path.join(__dirname, 'input');
for (const name of ['note.rtf', 'note.html', 'note.txt']) {
  const doc = WORD.readFile(path.join(input, name));
  if (!doc || !Array.isArray(doc.p) || doc.p.length === 0) throw new Error(`${name}: ${JSON.stringify(doc)}`);
}
if (!JSON.stringify(WORD.read(fs.readFileSync(path.join(input, 'note.txt')))).includes('Hello')) throw new Error('read');
console.log('ok');
