const spawn = require('cross-spawn');
const r = spawn.sync(process.execPath, ['-e', 'process.stdout.write(String(6*7))'], { encoding: 'utf8' });
if (r.stdout !== '42') throw new Error(String(r.stdout) + String(r.stderr));
console.log('ok');
