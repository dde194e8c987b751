import Fastify from 'fastify';
import fastifyStatic from '@fastify/static';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const app = Fastify();

await app.register(fastifyStatic, { root: new URL('./public/', import.meta.url).pathname });
app.get('/api/items', async () => JSON.parse(await readFile(`${here}data/items.json`, 'utf8')));

await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${app.server.address().port}`;
try {
  const page = await fetch(`${base}/index.html`).then((r) => r.text());
  const items = await fetch(`${base}/api/items`).then((r) => r.json());
  if (!page.includes('<h1>Catalogue</h1>') || items.length !== 2) throw new Error('unexpected response');
  console.log('ok');
} finally {
  await app.close();
}
