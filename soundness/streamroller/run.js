// As its README shows: a RollingFileStream of 64 bytes and 2 backups in a folder it makes
// (logs/), written past its size three times so it renames and compresses backups, then a
// DateRollingFileStream with keepFileExt in the same folder.
const path = require('path');
const fs = require('fs');
const rollers = require('streamroller');
const logs = path.join(__dirname, 'input', 'logs');
const end = (stream) => new Promise((resolve) => stream.end(resolve));
const write = (stream, text) => new Promise((resolve) => stream.write(text, resolve));
(async () => {
  const rolling = new rollers.RollingFileStream(path.join(logs, 'app.log'), 64, 2, { compress: true });
  for (let i = 0; i < 4; i++) await write(rolling, `${'x'.repeat(60)} line ${i}\n`);
  await end(rolling);
  const dated = new rollers.DateRollingFileStream(path.join(logs, 'dated.log'), 'yyyy-MM-dd', { keepFileExt: true });
  await write(dated, 'one day\n');
  await end(dated);
  const names = fs.readdirSync(logs).sort();
  if (!names.includes('app.log') || !names.includes('app.log.1.gz') || !names.includes('dated.log')) throw new Error(names.join());
  console.log('ok');
})();
