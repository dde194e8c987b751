// The published CLI (bin/uglifyjs): uglifyjs input/a.js -c -m -o out.min.js.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const bin = path.join(__dirname, 'node_modules', 'uglify-js', 'bin', 'uglifyjs');
const out = path.join(__dirname, 'out.min.js');
execFileSync(process.execPath, [bin, path.join(__dirname, 'input', 'a.js'), '-c', '-m', '-o', out]);
if (!fs.readFileSync(out, 'utf8').includes('console.log')) throw new Error('uglify-js');
console.log('ok');
