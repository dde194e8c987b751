// As its README shows, with track() so everything is removed at the end: open of a temporary
// file (written through its fd), mkdir of a temporary folder (a file written in it),
// createWriteStream, path with a suffix, open with affixes in a folder of the app's own, then
// cleanupSync.
const fs = require('fs');
const path = require('path');
const temp = require('temp').track();
const info = temp.openSync('soundness');
fs.writeSync(info.fd, 'temporary');
fs.closeSync(info.fd);
const dir = temp.mkdirSync('soundness-dir');
fs.writeFileSync(path.join(dir, 'inside.txt'), 'x');
const mine = temp.openSync({ prefix: 'mine-', suffix: '.txt', dir: path.join(__dirname, 'input') });
fs.closeSync(mine.fd);
const name = temp.path({ suffix: '.pdf' });
const stream = temp.createWriteStream();
stream.end('streamed', () => {
  if (fs.readFileSync(info.path, 'utf8') !== 'temporary' || !name.endsWith('.pdf') || !mine.path.startsWith(path.join(__dirname, 'input', 'mine-'))) throw new Error(info.path);
  const stats = temp.cleanupSync();
  if (stats.files < 3 || stats.dirs !== 1 || fs.existsSync(dir) || fs.existsSync(mine.path)) throw new Error(JSON.stringify(stats));
  console.log('ok');
});
