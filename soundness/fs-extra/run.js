const fse = require('fs-extra');
const path = require('path');
const out = path.join(__dirname, 'out');
fse.copySync(path.join(__dirname, 'input'), path.join(out, 'copy'));
fse.outputJsonSync(path.join(out, 'data', 'x.json'), { a: 1 });
if (fse.readJsonSync(path.join(out, 'data', 'x.json')).a !== 1) throw new Error('json');
fse.removeSync(path.join(out, 'copy'));
console.log('ok');
