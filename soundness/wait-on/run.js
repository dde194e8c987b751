// As its README shows, its Node API: wait for a file the app writes a little later, for a file
// to be gone (reverse), and for a command to exit 0; then its bin waits for a file that exists.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const waitOn = require('wait-on');
const ready = path.join(__dirname, 'input', 'ready.txt');
const gone = path.join(__dirname, 'input', 'gone.txt');
fs.writeFileSync(gone, 'x');
setTimeout(() => fs.writeFileSync(ready, 'ready'), 300);
setTimeout(() => fs.rmSync(gone), 300);
(async () => {
  await waitOn({ resources: [ready], interval: 50, window: 100, timeout: 20000 });
  await waitOn({ resources: [`file:${gone}`], reverse: true, interval: 50, timeout: 20000 });
  await waitOn({ resources: ['command:test -s input/ready.txt'], interval: 50, timeout: 20000 });
  const bin = path.join(__dirname, 'node_modules', 'wait-on', 'bin', 'wait-on');
  execFileSync(process.execPath, [bin, '-t', '20000', ready], { stdio: 'inherit' });
  fs.rmSync(ready);
  console.log('ok');
})().catch((error) => { console.error(error); process.exit(1); });
