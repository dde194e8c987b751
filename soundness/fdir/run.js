const { fdir } = require('fdir');
const files = new fdir().withFullPaths().crawl(require('path').join(__dirname, 'input')).sync();
if (files.length !== 2) throw new Error(String(files));
console.log('ok');
