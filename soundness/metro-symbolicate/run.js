// Its published bin (src/index.js) as its README shows: `metro-symbolicate <map> <line> <column>`
// (the map read), then a stack trace on standard input, each frame symbolicated against the map.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const bin = path.join(__dirname, 'node_modules', 'metro-symbolicate', 'src', 'index.js');
const map = path.join(__dirname, 'input', 'bundle.js.map');
const position = execFileSync(process.execPath, [bin, map, '1', '21'], { encoding: 'utf8' });
if (position.trim() !== 'src/util.js:3:helper') throw new Error(position);
const stack = execFileSync(process.execPath, [bin, map], { encoding: 'utf8', input: fs.readFileSync(path.join(__dirname, 'input', 'stack.txt')) });
if (!stack.includes('src/App.js:10:render')) throw new Error(stack);
console.log('ok');
