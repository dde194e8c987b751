// The published CLI (bin/svgo.js): svgo -f input -o out, finding svgo.config.mjs in its working folder.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const bin = path.join(__dirname, 'node_modules', 'svgo', 'bin', 'svgo.js');
const out = path.join(__dirname, 'out');
execFileSync(process.execPath, [bin, '-f', path.join(__dirname, 'input'), '-o', out, '--quiet'], { cwd: __dirname, stdio: 'ignore' });
const svg = fs.readFileSync(path.join(out, 'icon.svg'), 'utf8');
if (svg.includes('<!--') || !svg.includes('<path')) throw new Error('svgo');
console.log('ok');
