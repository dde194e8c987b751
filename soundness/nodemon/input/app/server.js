const fs = require('fs');
const path = require('path');
const data = JSON.parse(fs.readFileSync(path.join(__dirname, 'data.json'), 'utf8'));
const log = path.join(__dirname, 'log');
fs.mkdirSync(log, { recursive: true });
// The first run starts the file afresh, each restart adds its line.
(data.n === 0 ? fs.writeFileSync : fs.appendFileSync)(path.join(log, 'runs.txt'), `${data.n}\n`);
