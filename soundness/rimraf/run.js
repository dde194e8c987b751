const { rimrafSync } = require('rimraf');
const fs = require('fs');
const path = require('path');
const dir = path.join(__dirname, 'out');
fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
fs.writeFileSync(path.join(dir, 'a', 'b', 'c.txt'), 'c');
rimrafSync(dir);
if (fs.existsSync(dir)) throw new Error('still there');
console.log('ok');
