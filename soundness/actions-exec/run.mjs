// As its README shows: exec of this Node (by its path: the `node` along PATH may be another
// version, which the measurement's NODE_OPTIONS would stop) running a script that writes a file
// in the working folder it is given, with listeners; then getExecOutput of `git --version`,
// which @actions/io's which looks up along PATH.
import fs from 'node:fs';
import path from 'node:path';
import * as exec from '@actions/exec';
const dir = path.join(import.meta.dirname, 'input');
let out = '';
const code = await exec.exec(process.execPath, [path.join(dir, 'child.js'), 'hello'], { cwd: dir, silent: true, listeners: { stdout: (d) => (out += d.toString()) } });
if (code !== 0 || !out.includes('child ran') || fs.readFileSync(path.join(dir, 'child-wrote.txt'), 'utf8') !== 'hello') throw new Error(out);
const { stdout } = await exec.getExecOutput('git', ['--version'], { silent: true });
if (!stdout.startsWith('git version')) throw new Error(stdout);
console.log('ok');
