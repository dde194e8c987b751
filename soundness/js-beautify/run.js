// The published CLIs (js/bin/*.js), as its README shows: js-beautify of a file to an output
// file, with the `.jsbeautifyrc` the working folder has; html-beautify --editorconfig
// --replace of a copy made beside input/.editorconfig.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const bins = path.join(__dirname, 'node_modules', 'js-beautify', 'js', 'bin');
const out = path.join(__dirname, 'out.js');
execFileSync(process.execPath, [path.join(bins, 'js-beautify.js'), path.join('input', 'a.js'), '-o', out], { cwd: __dirname });
if (!fs.readFileSync(out, 'utf8').includes('\n  if (a) {\n    return b')) throw new Error(fs.readFileSync(out, 'utf8'));
const page = path.join(__dirname, 'input', 'copy.html');
fs.copyFileSync(path.join(__dirname, 'input', 'page.html'), page);
execFileSync(process.execPath, [path.join(bins, 'html-beautify.js'), '--editorconfig', '-r', '-f', page], { cwd: __dirname });
if (!fs.readFileSync(page, 'utf8').includes('\n   <p>hi</p>')) throw new Error(fs.readFileSync(page, 'utf8'));
console.log('ok');
