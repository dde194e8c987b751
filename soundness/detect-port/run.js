// As its README shows: detect(port) of a free port (it listens on it, on 0.0.0.0, 127.0.0.1,
// localhost and this machine's address), of one a server here holds (the next one is given),
// with a callback, then its bin `detect-port <port>`.
const { execFileSync } = require('child_process');
const net = require('net');
const path = require('path');
const { detect } = require('detect-port');
(async () => {
  const free = await detect(0);
  if (!(free > 0)) throw new Error(String(free));
  const server = net.createServer().listen(free, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const next = await detect(free);
  if (next === free) throw new Error('taken');
  server.close();
  await new Promise((resolve, reject) => detect(next, (err, port) => (err ? reject(err) : resolve(port))));
  const bin = path.join(__dirname, 'node_modules', 'detect-port', 'dist', 'commonjs', 'bin', 'detect-port.js');
  const said = execFileSync(process.execPath, [bin, String(next)], { encoding: 'utf8' });
  if (!/\d+/.test(said)) throw new Error(said);
  console.log('ok');
})().catch((error) => { console.error(error); process.exit(1); });
