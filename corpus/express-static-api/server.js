'use strict';
const express = require('express');
const fs = require('node:fs');
const path = require('node:path');

const app = express();
const dataFile = path.join(__dirname, 'data', 'items.json');

app.use(express.static(path.join(__dirname, 'public')));
app.get('/api/items', (req, res) => {
  res.json(JSON.parse(fs.readFileSync(dataFile, 'utf8')));
});

const server = app.listen(0, '127.0.0.1', async () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    const page = await fetch(`${base}/index.html`).then((r) => r.text());
    const items = await fetch(`${base}/api/items`).then((r) => r.json());
    if (!page.includes('<h1>Shop</h1>') || items.length !== 2) throw new Error('unexpected response');
    console.log('ok');
  } finally {
    server.close();
  }
});
