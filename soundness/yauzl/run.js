const yauzl = require('yauzl');
const path = require('path');
const names = [];
yauzl.open(path.join(__dirname, 'input', 'a.zip'), { lazyEntries: true }, (err, zipfile) => {
  if (err) throw err;
  zipfile.readEntry();
  zipfile.on('entry', (entry) => {
    zipfile.openReadStream(entry, (err2, stream) => {
      if (err2) throw err2;
      let text = '';
      stream.on('data', (d) => (text += d));
      stream.on('end', () => {
        names.push(`${entry.fileName}=${text.trim()}`);
        zipfile.readEntry();
      });
    });
  });
  zipfile.on('end', () => {
    if (names.join(',') !== 'a.txt=hello zip,dir/b.txt=b') throw new Error(`yauzl ${names}`);
    console.log('ok');
  });
});
