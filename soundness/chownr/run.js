const { chownrSync } = require('chownr');
const fs = require('fs');
const path = require('path');
const dir = path.join(__dirname, 'out');
fs.mkdirSync(path.join(dir, 'a'), { recursive: true });
fs.writeFileSync(path.join(dir, 'a', 'f.txt'), 'f');
chownrSync(dir, process.getuid(), process.getgid());
console.log('ok');
