// The published CLI (bin/handlebars): handlebars input/hello.handlebars -f out.js.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const bin = path.join(__dirname, 'node_modules', 'handlebars', 'bin', 'handlebars');
const out = path.join(__dirname, 'out.js');
execFileSync(process.execPath, [bin, path.join(__dirname, 'input', 'hello.handlebars'), '-f', out]);
if (!fs.readFileSync(out, 'utf8').includes('templates')) throw new Error('handlebars');
console.log('ok');
