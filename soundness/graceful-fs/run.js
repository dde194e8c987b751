const fs = require('graceful-fs');
const path = require('path');
const text = fs.readFileSync(path.join(__dirname, 'input', 'a.txt'), 'utf8');
fs.writeFile(path.join(__dirname, 'out.txt'), text.toUpperCase(), (err) => {
  if (err) throw err;
  console.log('ok');
});
