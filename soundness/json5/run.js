// The published CLI (lib/cli.js): json5 --out-file input/a.json input/a.json5.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const bin = path.join(__dirname, 'node_modules', 'json5', 'lib', 'cli.js');
execFileSync(process.execPath, [bin, '-o', path.join(__dirname, 'input', 'a.json'), path.join(__dirname, 'input', 'a.json5')]);
const out = JSON.parse(fs.readFileSync(path.join(__dirname, 'input', 'a.json'), 'utf8'));
if (out.name !== 'demo') throw new Error('json');
console.log('ok');
