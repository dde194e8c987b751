// As its README shows: an http server whose requests go to handler(request, response, { public }).
// Three requests: a page (cleanUrls finds index.html), a file in a folder, and a folder listing.
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
  server.close();
  if (!page.includes('<h1>hi</h1>') || file !== '200 b\n' || !list.includes('b.txt')) throw new Error([page, file, list].join('|'));
  console.log('ok');
});
