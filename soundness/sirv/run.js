const http = require('http');
const path = require('path');
const sirv = require('sirv');
const serve = sirv(path.join(__dirname, 'public'));
const server = http.createServer((req, res) => serve(req, res, () => { res.statusCode = 404; res.end(); }));
server.listen(0, '127.0.0.1', () => {
  http.get({ host: '127.0.0.1', port: server.address().port, path: '/sub/b.txt' }, (res) => {
    let body = '';
    res.on('data', (c) => (body += c));
    res.on('end', () => { server.close(); if (body !== 'b\n') throw new Error(body); console.log('ok'); });
  });
});
