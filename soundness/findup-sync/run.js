// As its README shows: the first file matching a name or a glob in a folder or the nearest one
// above it, with `cwd` naming where to start (here input/a/b, and `~/` for the home folder).
const fs = require('fs');
const os = require('os');
const path = require('path');
const findup = require('findup-sync');
const start = path.join(__dirname, 'input', 'a', 'b');
const pkg = findup('package.json', { cwd: start });
const ini = findup('*.ini', { cwd: start });
const either = findup(['.missingrc', 'notes.md'], { cwd: start });
fs.mkdirSync(path.join(os.homedir(), 'proj'), { recursive: true });
fs.writeFileSync(path.join(os.homedir(), '.toolrc'), 'home');
const home = findup('.toolrc', { cwd: '~/proj' });
if (!pkg.endsWith(path.join('input', 'package.json')) || !ini.endsWith('config.ini') || !either.endsWith('notes.md') || home !== path.join(os.homedir(), '.toolrc')) {
  throw new Error([pkg, ini, either, home].join());
}
console.log('ok');
