const fs = require('@npmcli/fs');
const path = require('path');
const input = path.join(__dirname, 'input');
const out = path.join(__dirname, 'out');
(async () => {
  const made = await fs.withTempDir(out, async (dir) => path.basename(dir));
  if (!made) throw new Error('withTempDir');
  const entries = (await fs.readdirScoped(path.join(input, 'deps'))).map(String).sort();
  if (entries.join(',') !== '@org/foo,bar') throw new Error(`readdirScoped ${entries}`);
  await fs.cp(path.join(input, 'a.txt'), path.join(out, 'copy.txt'));
  await fs.moveFile(path.join(out, 'copy.txt'), path.join(out, 'sub', 'moved.txt'));
  console.log('ok');
})();
