const jsonfile = require('jsonfile');
const path = require('path');
const data = jsonfile.readFileSync(path.join(__dirname, 'input', 'a.json'));
jsonfile.writeFileSync(path.join(__dirname, 'out.json'), { ...data, b: 2 });
console.log('ok');
