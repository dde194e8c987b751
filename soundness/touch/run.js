// As its README shows: touch(file) makes the file or sets its times, `ref` copies another
// file's, ftouch works on an open fd; then its bin, `nodetouch -r ref file`, in a child.
// touch sets times with futimes, which the Permission Model denies whatever is granted (the
// analysis reports it, API_ALWAYS_DENIED): under it, each call may end in that denial, which
// this script accepts so that the calls after it run too.
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const touch = require('touch');
const input = path.join(__dirname, 'input');
const ref = path.join(input, 'ref.txt');
const made = path.join(input, 'made.txt');
const copied = path.join(input, 'copied.txt');
const byBin = path.join(input, 'by-bin.txt');
const denied = (err) => {
  if (err.code !== 'ERR_ACCESS_DENIED') throw err;
};
const sync = (f) => {
  try {
    f();
  } catch (err) {
    denied(err);
  }
};
(async () => {
  for (const f of [made, copied, byBin]) fs.rmSync(f, { force: true });
  await touch(made).catch(denied);
  sync(() => touch.sync(copied, { ref }));
  await touch(made, { mtime: true, nocreate: true }).catch(denied);
  const fd = fs.openSync(made, 'r+');
  sync(() => touch.ftouchSync(fd, { atime: true }));
  fs.closeSync(fd);
  const bin = spawnSync(process.execPath, [require.resolve('touch/bin/nodetouch.js'), '-r', ref, byBin], { encoding: 'utf8' });
  // The bin sets exit code 1, silently, when a touch fails (here futimes's denial).
  if (bin.status !== 0 && !process.permission) throw new Error(bin.stderr);
  if (!fs.existsSync(copied) || !fs.existsSync(byBin)) throw new Error('touch');
  if (!process.permission && Math.abs(fs.statSync(copied).mtimeMs - fs.statSync(ref).mtimeMs) > 1000) throw new Error('times');
  console.log('ok');
})();
