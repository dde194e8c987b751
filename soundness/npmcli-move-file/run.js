// As its README shows: move a file (making the destination's folder) and a folder tree, then
// the sync form. The input is copied to work/ first (a write of its own).
const fs = require('fs');
const path = require('path');
const moveFile = require('@npmcli/move-file');
const work = path.join(__dirname, 'work');
(async () => {
  fs.rmSync(work, { recursive: true, force: true });
  fs.cpSync(path.join(__dirname, 'input'), work, { recursive: true });
  await moveFile(path.join(work, 'a.txt'), path.join(work, 'moved', 'deep', 'a.txt'));
  await moveFile(path.join(work, 'tree'), path.join(work, 'moved', 'tree'));
  moveFile.sync(path.join(work, 'moved', 'deep', 'a.txt'), path.join(work, 'back.txt'));
  if (!fs.existsSync(path.join(work, 'moved', 'tree', 'sub', 'c.txt')) || fs.readFileSync(path.join(work, 'back.txt'), 'utf8') !== 'a\n') throw new Error('move');
  console.log('ok');
})();
