// As its README shows: serveIndex(folder) behind an http server lists input/ and input/sub/.
const http = require('http');
const path = require('path');
const serveIndex = require('serve-index');
const index = serveIndex(path.join(__dirname, 'input'), { icons: true });
const server = http.createServer((req, res) => index(req, res, () => { res.statusCode = 404; res.end(); }));
const get = (url) => new Promise((resolve, reject) => {
  http.get(url, { headers: { accept: 'text/html' } }, (res) => {
    let body = '';
    res.on('data', (d) => (body += d));
    res.on('end', () => resolve(body));
  }).on('error', reject);
});
server.listen(0, '127.0.0.1', async () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  const top = await get(`${base}/`);
  const sub = await get(`${base}/sub/`);
  server.close();
  if (!top.includes('a.txt') || !sub.includes('b.txt')) throw new Error('listing');
  console.log('ok');
});
