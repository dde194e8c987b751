'use strict';
const Koa = require('koa');
const Router = require('@koa/router');
const serve = require('koa-static');
const fs = require('node:fs/promises');
const path = require('node:path');

const root = __dirname;
const app = new Koa();
const router = new Router();

router.get('/api/status', async (ctx) => {
  ctx.body = JSON.parse(await fs.readFile(path.resolve(root, 'data/status.json'), 'utf8'));
});
app.use(router.routes());
app.use(serve(path.join(root, 'public')));

const server = app.listen(0, '127.0.0.1', async () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    const page = await fetch(`${base}/`).then((r) => r.text());
    const status = await fetch(`${base}/api/status`).then((r) => r.json());
    if (!page.includes('<h1>Status</h1>') || status.up !== true) throw new Error('unexpected response');
    console.log('ok');
  } finally {
    server.close();
  }
});
