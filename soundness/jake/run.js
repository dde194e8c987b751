// The published CLI (bin/cli.js), run as its bin would be: jake, in the folder of its Jakefile.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const bin = path.join(__dirname, 'node_modules', 'jake', 'bin', 'cli.js');
const dir = path.join(__dirname, 'input');
const out = execFileSync(process.execPath, [bin], { cwd: dir, encoding: 'utf8' });
if (!out.includes('built') || fs.readFileSync(path.join(dir, 'out', 'b.txt'), 'utf8') !== 'hello\n') throw new Error(out);
console.log('ok');
