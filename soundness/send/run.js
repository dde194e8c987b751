const http = require('http');
const path = require('path');
const send = require('send');
const server = http.createServer((req, res) => send(req, 'a.txt', { root: path.join(__dirname, 'public') }).pipe(res));
server.listen(0, '127.0.0.1', () => {
  http.get({ host: '127.0.0.1', port: server.address().port, path: '/' }, (res) => {
    let body = '';
    res.on('data', (c) => (body += c));
    res.on('end', () => { server.close(); if (body !== 'alpha\n') throw new Error(body); console.log('ok'); });
  });
});
