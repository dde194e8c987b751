const fs = require('fs');
const path = require('path');
console.log(fs.readFileSync(path.join(__dirname, process.argv[2]), 'utf8') === 'built' ? 'served' : 'missing');
