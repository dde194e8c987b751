import pidtree from 'pidtree';
import { spawn } from 'node:child_process';
const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
setTimeout(async () => {
  const pids = await pidtree(process.pid);
  child.kill();
  if (!pids.includes(child.pid)) throw new Error(`pidtree ${pids}`);
  console.log('ok');
}, 200);
