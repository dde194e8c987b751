const getPackageType = require('get-package-type');
const path = require('path');
const file = path.join(__dirname, 'input', 'a.js');
getPackageType(file).then((type) => {
  if (type !== 'module' || getPackageType.sync(file) !== 'module') throw new Error(type);
  console.log('ok');
});
