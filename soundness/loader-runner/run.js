const { runLoaders } = require('loader-runner');
const fs = require('fs');
const path = require('path');
const input = path.join(__dirname, 'input');
runLoaders(
  { resource: path.join(input, 'a.txt'), loaders: [path.join(input, 'upper.js')], readResource: fs.readFile.bind(fs) },
  (err, result) => {
    if (err) throw err;
    if (result.result[0] !== 'HELLO\n') throw new Error('loader-runner');
    console.log('ok');
  },
);
