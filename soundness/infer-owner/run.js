// As its README shows (npm uses it to chown what it writes): the owner of a path, or of the
// nearest folder above it that exists.
const path = require('path');
const inferOwner = require('infer-owner');
const sub = path.join(__dirname, 'input', 'sub');
(async () => {
  const file = await inferOwner(path.join(sub, 'file.txt'));
  const notYet = await inferOwner(path.join(sub, 'not', 'made', 'yet.txt'));
  const sync = inferOwner.sync(path.join(sub, 'other', 'x.txt'));
  if (file.uid !== process.getuid() || notYet.uid !== file.uid || sync.gid !== file.gid) throw new Error('owner');
  console.log('ok');
})();
