const fs = require('mz/fs');
const { execFile } = require('mz/child_process');
const path = require('path');
const input = path.join(__dirname, 'input');
(async () => {
  const text = await fs.readFile(path.join(input, 'a.txt'), 'utf8');
  await fs.writeFile(path.join(input, 'copy.txt'), text);
  if (!(await fs.exists(path.join(input, 'copy.txt')))) throw new Error('mz exists');
  const [stdout] = await execFile(process.execPath, ['-p', '1 + 1']);
  if (stdout.trim() !== '2') throw new Error('mz execFile');
  console.log('ok');
})();
