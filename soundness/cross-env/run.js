// The published CLI (dist/bin/cross-env.js), run as its bin would be: cross-env GREETING=hi node
// input/child.js (this node, process.execPath: the `node` on PATH may be another version); the
// child writes out.txt.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const bin = path.join(__dirname, 'node_modules', 'cross-env', 'dist', 'bin', 'cross-env.js');
execFileSync(process.execPath, [bin, 'GREETING=hi', process.execPath, path.join(__dirname, 'input', 'child.js')], { stdio: 'inherit' });
if (fs.readFileSync(path.join(__dirname, 'out.txt'), 'utf8') !== 'hi') throw new Error('child');
console.log('ok');
