const utils = require('archiver-utils');
const path = require('path');
const input = path.join(__dirname, 'input');
const found = utils.file.expand({ cwd: input, filter: 'isFile' }, '**/*.txt');
utils.walkdir(input, (err, entries) => {
  if (err) throw err;
  if (found.length !== 2 || entries.length !== 3) throw new Error('archiver-utils');
  utils.collectStream(utils.lazyReadStream(path.join(input, 'sub', 'b.txt')), (err, buf) => {
    if (err || String(buf) !== 'b\n') throw new Error('archiver-utils');
    console.log('ok');
  });
});
