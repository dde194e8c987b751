// Its published bin (bin/jscodeshift.js) as its README shows: a transform file run over a folder
// (walked, .gitignore honoured with --gitignore), in a worker process it forks (the transform
// required through @babel/register), with --dry --print so the files are printed, not rewritten
// (its write-file-atomic would fsync, which the Permission Model denies); then --run-in-band with
// --extensions=ts --parser=ts, in its own process.
const { execFileSync } = require('child_process');
const path = require('path');
const bin = path.join(__dirname, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
const transform = path.join('transforms', 'rename.js');
const cwd = path.join(__dirname, 'input');
const forked = execFileSync(process.execPath, [bin, '-t', transform, 'src', '--dry', '--print', '--gitignore', '--cpus=1', '--extensions=js'], { cwd, encoding: 'utf8' });
if (!forked.includes('const newName = 1;') || !forked.includes('return newName;') || !forked.includes('2 ok')) throw new Error(forked);
const inBand = execFileSync(process.execPath, [bin, '-t', transform, 'src', '--dry', '--run-in-band', '--extensions=ts', '--parser=ts'], { cwd, encoding: 'utf8' });
if (!inBand.includes('1 unmodified')) throw new Error(inBand);
console.log('ok');
