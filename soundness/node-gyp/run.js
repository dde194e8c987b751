// The published CLI (bin/node-gyp.js), run as its bin would be in the addon's folder:
// node-gyp rebuild --nodedir=<the headers the Node packages ship beside bin/>, so nothing is downloaded.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const bin = path.join(__dirname, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
const dir = path.join(__dirname, 'input', 'addon');
const nodedir = path.dirname(path.dirname(process.execPath));
execFileSync(process.execPath, [bin, 'rebuild', `--nodedir=${nodedir}`], { cwd: dir, stdio: 'ignore' });
if (!fs.existsSync(path.join(dir, 'build', 'Release', 'hello.node'))) throw new Error('node-gyp');
console.log('ok');
