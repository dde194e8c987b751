// The published CLI (build/main.js), run as its bin would be: serve public/ on a free port of
// 127.0.0.1, without the clipboard and the update check (both need what this machine lacks).
const { spawn } = require('child_process');
const http = require('http');
const net = require('net');
const path = require('path');
const bin = path.join(__dirname, 'node_modules', 'serve', 'build', 'main.js');
const get = (port, url) =>
  new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: url }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve(`${res.statusCode} ${body}`));
    }).on('error', reject);
  });
const probe = net.createServer().listen(0, '127.0.0.1', () => {
  const { port } = probe.address();
  probe.close(() => {
    const args = [bin, 'public', '-l', `tcp://127.0.0.1:${port}`, '--no-clipboard', '--no-port-switching'];
    const child = spawn(process.execPath, args, { cwd: __dirname, env: { ...process.env, NO_UPDATE_CHECK: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const onData = async (d) => {
      out += d;
      if (!/Accepting connections|Serving!/.test(out) || child.asked) return;
      child.asked = true;
      const page = await get(port, '/');
      const file = await get(port, '/docs/b.txt');
      const list = await get(port, '/docs');
      const missing = await get(port, '/nothing.txt');
      child.kill();
      if (!page.includes('<h1>hi</h1>') || file !== '200 b\n' || !list.includes('b.txt') || !missing.startsWith('404 <h1>not here')) throw new Error([page, file, list, missing].join('|'));
      console.log('ok');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
});
