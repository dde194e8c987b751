// As its README shows: `mocha` run on a folder of specs, here through its published bin with the
// working folder input/ (its .mocharc.json names the spec glob). A spec reads a file beside it.
const { execFileSync } = require('child_process');
const path = require('path');
const bin = path.join(__dirname, 'node_modules', 'mocha', 'bin', 'mocha.js');
const out = execFileSync(process.execPath, [bin, '--reporter', 'dot'], { cwd: path.join(__dirname, 'input'), encoding: 'utf8' });
if (!out.includes('2 passing')) throw new Error(out);
console.log('ok');
