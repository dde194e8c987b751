const { mkdirpSync } = require('mkdirp');
const path = require('path');
mkdirpSync(path.join(__dirname, 'out', 'a', 'b'));
console.log('ok');
