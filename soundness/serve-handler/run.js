// As its README shows: an http server whose requests go to handler(request, response, { public }).
// Four requests: a page (cleanUrls finds index.html), a file in a folder, a folder listing, and a
// missing file (its error page is public/404.html).
const handler = require('serve-handler');
const http = require('http');
const path = require('path');
const server = http.createServer((request, response) => handler(request, response, { public: path.join(__dirname, 'public') }));
const get = (port, url) =>
  new Promise((resolve, reject) => {
    http.get({ port, path: url }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve(`${res.statusCode} ${body}`));
    }).on('error', reject);
  });
server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  const page = await get(port, '/');
  const file = await get(port, '/docs/b.txt');
  const list = await get(port, '/docs/');
  const missing = await get(port, '/nothing.txt');
  server.close();
  if (!page.includes('<h1>hi</h1>') || file !== '200 b\n' || !list.includes('b.txt') || !missing.startsWith('404 <h1>not here')) throw new Error([page, file, list, missing].join('|'));
  console.log('ok');
});
