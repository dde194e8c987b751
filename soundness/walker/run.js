const Walker = require('walker');
const path = require('path');
const files = [];
Walker(path.join(__dirname, 'input'))
  .on('file', (file) => files.push(path.basename(file)))
  .on('end', () => {
    if (files.sort().join() !== 'a.txt,b.txt') throw new Error('walker');
    console.log('ok');
  });
