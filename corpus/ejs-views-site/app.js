'use strict';
const express = require('express');
const path = require('node:path');

const app = express();
app.set('views', path.join(__dirname, 'views'));
app.set('view engine', 'ejs');
app.get('/', (req, res) => res.render('index', { title: 'Menu', dishes: ['soup', 'bread'] }));

const server = app.listen(0, '127.0.0.1', async () => {
  try {
    const html = await fetch(`http://127.0.0.1:${server.address().port}/`).then((r) => r.text());
    if (!html.includes('<li>bread</li>') || !html.includes('<footer>')) throw new Error(`unexpected page ${html}`);
    console.log('ok');
  } finally {
    server.close();
  }
});
