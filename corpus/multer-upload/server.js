'use strict';
const express = require('express');
const multer = require('multer');
const fs = require('node:fs');
const path = require('node:path');

const upload = multer({ dest: path.join(__dirname, 'uploads') });
const app = express();

app.post('/upload', upload.single('file'), (req, res) => {
  const text = fs.readFileSync(req.file.path, 'utf8');
  fs.unlinkSync(req.file.path);
  res.json({ name: req.file.originalname, size: text.length });
});

const server = app.listen(0, '127.0.0.1', async () => {
  try {
    const form = new FormData();
    form.append('file', new Blob(['hello upload']), 'note.txt');
    const res = await fetch(`http://127.0.0.1:${server.address().port}/upload`, { method: 'POST', body: form });
    const body = await res.json();
    if (body.name !== 'note.txt' || body.size !== 12) throw new Error(`unexpected response ${JSON.stringify(body)}`);
    console.log('ok');
  } finally {
    server.close();
  }
});
