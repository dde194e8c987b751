const writeFileAtomic = require('write-file-atomic');
const fs = require('fs');
const path = require('path');
fs.mkdirSync(path.join(__dirname, 'out'), { recursive: true });
writeFileAtomic.sync(path.join(__dirname, 'out', 'a.txt'), 'a');
console.log('ok');
