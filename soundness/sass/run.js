const sass = require('sass');
const path = require('path');
const result = sass.compile(path.join(__dirname, 'input', 'main.scss'), { loadPaths: [path.join(__dirname, 'input', 'lib')] });
if (!result.css.includes('#336699') || !result.css.includes('#fff')) throw new Error('sass');
console.log('ok');
