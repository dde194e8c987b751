// As its README shows: formidable({ uploadDir, keepExtensions }) and form.parse(req) in an http
// server on 127.0.0.1; one file is posted with fetch and FormData, and read back from its store.
import formidable from 'formidable';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
const uploadDir = path.join(import.meta.dirname, 'uploads');
const server = http.createServer(async (req, res) => {
  const form = formidable({ uploadDir, keepExtensions: true });
  const [, files] = await form.parse(req);
  const stored = files.doc[0].filepath;
  res.end(fs.readFileSync(stored, 'utf8'));
});
server.listen(0, '127.0.0.1', async () => {
  const body = new FormData();
  body.append('doc', new Blob(['hello upload\n'], { type: 'text/plain' }), 'note.txt');
  const res = await fetch(`http://127.0.0.1:${server.address().port}/`, { method: 'POST', body });
  const text = await res.text();
  server.close();
  if (text !== 'hello upload\n') throw new Error(text);
  console.log('ok');
});
