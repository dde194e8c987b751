const browserslist = require('browserslist');
const list = browserslist(undefined, { path: __dirname });
if (!list.length) throw new Error('empty');
console.log('ok');
