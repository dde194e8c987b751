// As its README shows: `webpack` run in a project folder, here through webpack-cli's published
// bin with the working folder input/, whose webpack.config.js it finds and loads.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const input = path.join(__dirname, 'input');
const bin = path.join(__dirname, 'node_modules', 'webpack-cli', 'bin', 'cli.js');
fs.rmSync(path.join(input, 'out'), { recursive: true, force: true });
execFileSync(process.execPath, [bin, '--no-color'], { cwd: input, encoding: 'utf8' });
if (!fs.readFileSync(path.join(input, 'out', 'bundle.js'), 'utf8').includes('hello ')) throw new Error('bundle');
console.log('ok');
