// As its README shows: read a file (rw stats it first, and streams what is not a plain file),
// then write two, asynchronously and synchronously.
const fs = require('fs');
const path = require('path');
const rw = require('rw');
const input = path.join(__dirname, 'input');
rw.readFile(path.join(input, 'in.txt'), 'utf8', (err, text) => {
  if (err) throw err;
  rw.writeFile(path.join(input, 'out-async.txt'), text.toUpperCase(), 'utf8', (err2) => {
    if (err2) throw err2;
    rw.writeFileSync(path.join(input, 'out-sync.txt'), rw.readFileSync(path.join(input, 'in.txt'), 'utf8'), 'utf8');
    if (fs.readFileSync(path.join(input, 'out-async.txt'), 'utf8') !== 'HELLO\n') throw new Error('write');
    console.log('ok');
  });
});
