const { globSync } = require('tinyglobby');
const files = globSync(['**/*.txt'], { cwd: require('path').join(__dirname, 'input') });
if (files.length !== 2) throw new Error(String(files));
console.log('ok');
