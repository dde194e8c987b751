// As its README shows: lock a file (proper-lockfile makes a `<file>.lock` folder beside it and
// keeps its mtime fresh), check it, release it; then the sync form with a lock path of its own.
const path = require('path');
const lockfile = require('proper-lockfile');
const file = path.join(__dirname, 'input', 'data.txt');
(async () => {
  const release = await lockfile.lock(file, { update: 1000 });
  if (!(await lockfile.check(file))) throw new Error('check');
  await new Promise((r) => setTimeout(r, 1200));
  await release();
  const releaseSync = lockfile.lockSync(file, { lockfilePath: path.join(__dirname, 'input', 'custom.lock') });
  releaseSync();
  if (lockfile.checkSync(file)) throw new Error('released');
  console.log('ok');
})();
