// The published CLI (bin/js-yaml.mjs), run as its bin would be: node <bin> <file>.
const { execFileSync } = require('child_process');
const path = require('path');
const bin = path.join(__dirname, 'node_modules', 'js-yaml', 'bin', 'js-yaml.mjs');
const out = execFileSync(process.execPath, [bin, path.join(__dirname, 'input', 'a.yml')], { encoding: 'utf8' });
if (!out.includes('"name"')) throw new Error(out);
console.log('ok');
