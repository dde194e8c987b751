// minify() of files named by path, as its README shows; @imports are inlined from disk.
const CleanCSS = require('clean-css');
const path = require('path');
const output = new CleanCSS({}).minify([path.join(__dirname, 'input', 'main.css')]);
if (output.errors.length || !output.styles.includes('.b{padding:0}')) throw new Error(JSON.stringify(output));
console.log('ok');
