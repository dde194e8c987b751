// As nodemon uses it: the pids below a process, first through `ps` (which it checks for when it
// loads), then with NO_PS set, from /proc/<pid>/stat of every process.
const { spawn } = require('child_process');
const psTree = require('pstree.remy');
const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
const tree = (pid) => new Promise((resolve, reject) => psTree(pid, (err, pids) => (err ? reject(err) : resolve(pids))));
setTimeout(async () => {
  try {
    const viaPs = await tree(process.pid);
    process.env.NO_PS = '1';
    const viaProc = await tree(process.pid);
    if (viaPs.length === 0 || viaProc.length === 0) throw new Error(`${viaPs} / ${viaProc}`);
    console.log('ok');
  } finally {
    child.kill();
  }
}, 300);
