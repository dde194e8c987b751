const tmp = require('tmp');
const fs = require('fs');
const file = tmp.fileSync({ prefix: 'demo-' });
fs.writeSync(file.fd, 'demo');
file.removeCallback();
const dir = tmp.dirSync({ unsafeCleanup: true });
dir.removeCallback();
if (fs.existsSync(file.name)) throw new Error('tmp');
console.log('ok');
