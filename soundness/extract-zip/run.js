const extract = require('extract-zip');
const fs = require('fs');
const path = require('path');
const out = path.join(__dirname, 'out');
extract(path.join(__dirname, 'input', 'a.zip'), { dir: out }).then(() => {
  if (fs.readFileSync(path.join(out, 'sub', 'b.txt'), 'utf8') !== 'b\n') throw new Error('extract-zip');
  console.log('ok');
});
