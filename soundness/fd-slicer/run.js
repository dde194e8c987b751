const fdSlicer = require('fd-slicer');
const fs = require('fs');
const path = require('path');
const collect = (stream) => new Promise((resolve, reject) => {
  const parts = [];
  stream.on('data', (d) => parts.push(d)).on('end', () => resolve(Buffer.concat(parts).toString())).on('error', reject);
});
fs.open(path.join(__dirname, 'input', 'a.txt'), 'r', async (err, fd) => {
  if (err) throw err;
  const slicer = fdSlicer.createFromFd(fd, { autoClose: true });
  const [a, b] = await Promise.all([collect(slicer.createReadStream({ start: 0, end: 5 })), collect(slicer.createReadStream({ start: 6 }))]);
  if (a !== 'hello' || b !== 'world\n') throw new Error('fd-slicer read');
  const wfd = fs.openSync(path.join(__dirname, 'out', 'b.txt'), 'w');
  const out = fdSlicer.createFromFd(wfd, { autoClose: true }).createWriteStream();
  out.on('finish', () => console.log('ok'));
  out.end('written\n');
});
