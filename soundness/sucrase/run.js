// The published CLI (bin/sucrase): sucrase input/src -d out --transforms typescript,imports.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const bin = path.join(__dirname, 'node_modules', 'sucrase', 'bin', 'sucrase');
const out = path.join(__dirname, 'out');
execFileSync(process.execPath, [bin, path.join(__dirname, 'input', 'src'), '-d', out, '--transforms', 'typescript,imports'], { stdio: 'ignore' });
if (!fs.readFileSync(path.join(out, 'lib', 'b.js'), 'utf8').includes('exports.twice')) throw new Error('sucrase');
console.log('ok');
