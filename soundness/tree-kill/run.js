const kill = require('tree-kill');
const { spawn } = require('child_process');
const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
child.on('exit', (code, signal) => {
  if (signal !== 'SIGTERM') throw new Error(`tree-kill ${code} ${signal}`);
  console.log('ok');
});
setTimeout(() => kill(child.pid, 'SIGTERM', (err) => { if (err) throw err; }), 200);
