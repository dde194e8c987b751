// As its README shows: promiseSpawn(cmd, args, opts) resolves with the exit code and the output.
const fs = require('fs');
const path = require('path');
const promiseSpawn = require('@npmcli/promise-spawn');
const input = path.join(__dirname, 'input');
(async () => {
  const child = await promiseSpawn(process.execPath, ['child.js', 'out.txt'], { cwd: input, stdioString: true });
  if (child.code !== 0 || child.stdout.trim() !== 'written') throw new Error(JSON.stringify(child));
  if (fs.readFileSync(path.join(input, 'out.txt'), 'utf8') !== 'x') throw new Error('out.txt');
  const shell = await promiseSpawn('echo', ['hi'], { shell: true, stdioString: true });
  if (shell.stdout.trim() !== 'hi') throw new Error(shell.stdout);
  console.log('ok');
})();
