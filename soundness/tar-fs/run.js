const tar = require('tar-fs');
const fs = require('fs');
const path = require('path');
const file = path.join(__dirname, 'out.tar');
const out = path.join(__dirname, 'out');
tar.pack(path.join(__dirname, 'input')).pipe(fs.createWriteStream(file)).on('finish', () => {
  fs.createReadStream(file).pipe(tar.extract(out)).on('finish', () => {
    if (fs.readFileSync(path.join(out, 'b.txt'), 'utf8') !== 'b\n') throw new Error('tar-fs');
    console.log('ok');
  });
});
