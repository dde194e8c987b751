// The published CLI napi-patch (lib/patch.js), run as its bin would be: napi-patch index.js, in the loader's folder.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const bin = path.join(__dirname, 'node_modules', 'napi-postinstall', 'lib', 'patch.js');
const dir = path.join(__dirname, 'input');
execFileSync(process.execPath, [bin, 'index.js'], { cwd: dir });
if (!fs.readFileSync(path.join(dir, 'index.js'), 'utf8').includes('SKIP_SCOPE_MY_BINDING_FALLBACK')) throw new Error('napi-postinstall');
console.log('ok');
