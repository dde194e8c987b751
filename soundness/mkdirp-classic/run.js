const mkdirp = require('mkdirp-classic');
const fs = require('fs');
const path = require('path');
mkdirp.sync(path.join(__dirname, 'out', 'a', 'b'));
mkdirp(path.join(__dirname, 'out', 'c', 'd'), (err) => {
  if (err) throw err;
  if (!fs.statSync(path.join(__dirname, 'out', 'a', 'b')).isDirectory()) throw new Error('mkdirp-classic');
  console.log('ok');
});
