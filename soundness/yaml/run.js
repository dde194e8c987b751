// The published CLI (bin.mjs): yaml --json < input/a.yml.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const bin = path.join(__dirname, 'node_modules', 'yaml', 'bin.mjs');
const out = execFileSync(process.execPath, [bin, '--json'], { input: fs.readFileSync(path.join(__dirname, 'input', 'a.yml')), encoding: 'utf8' });
if (!out.includes('demo')) throw new Error(out);
console.log('ok');
