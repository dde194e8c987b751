// As its README shows: a Writer of a file in folders it makes (mode and size), one appending to
// it, a symbolic link to it, then a Reader of a folder piped into a Writer of another (like
// `cp -Rp`).
const fs = require('fs');
const path = require('path');
const fstream = require('fstream');
const out = path.join(__dirname, 'out');
const write = (options, text) => new Promise((resolve, reject) => {
  const stream = fstream.Writer(options).on('close', resolve).on('error', reject);
  if (text) stream.write(text);
  stream.end();
});
(async () => {
  const file = path.join(out, 'made', 'deep', 'file');
  await write({ path: file, mode: 0o755, size: 6 }, 'hello\n');
  await write({ path: file, mode: 0o755, size: 6, flags: 'a' }, 'again\n');
  await write({ path: path.join(out, 'made', 'deep', 'link'), linkpath: './file', SymbolicLink: true, mode: '0755' });
  const reader = fstream.Reader(path.join(__dirname, 'input', 'tree'));
  const writer = fstream.Writer({ path: path.join(out, 'copy'), type: 'Directory' });
  await new Promise((resolve, reject) => { writer.on('close', resolve).on('error', reject); reader.on('error', reject).pipe(writer); });
  if (fs.readFileSync(file, 'utf8') !== 'hello\nagain\n' || fs.readlinkSync(path.join(out, 'made', 'deep', 'link')) !== './file') throw new Error('writer');
  if (fs.readFileSync(path.join(out, 'copy', 'sub', 'two.txt'), 'utf8') !== 'two\n') throw new Error('copy');
  console.log('ok');
})().catch((error) => { console.error(error); process.exit(1); });
