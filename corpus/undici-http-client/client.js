import { createServer } from 'node:http';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'undici';
import fetch from 'node-fetch';

const server = createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ path: req.url, answer: 42 }));
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const base = `http://127.0.0.1:${server.address().port}`;

try {
  const viaUndici = await request(`${base}/undici`).then((r) => r.body.json());
  const viaNodeFetch = await fetch(`${base}/node-fetch`).then((r) => r.json());
  if (viaUndici.path !== '/undici' || viaNodeFetch.answer !== 42) throw new Error('unexpected answers');
  const cacheDir = new URL('./cache/', import.meta.url);
  await mkdir(cacheDir, { recursive: true });
  await writeFile(new URL('answer.json', cacheDir), JSON.stringify(viaNodeFetch));
  console.log('ok');
} finally {
  server.close();
}
