const { ReadStream, WriteStream } = require('fs-minipass');
const fs = require('fs');
const path = require('path');
const out = path.join(__dirname, 'out.txt');
new ReadStream(path.join(__dirname, 'input', 'a.txt')).pipe(new WriteStream(out)).on('close', () => {
  if (fs.readFileSync(out, 'utf8') !== 'demo\n') throw new Error('fs-minipass');
  console.log('ok');
});
