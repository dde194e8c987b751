// As its README shows: readCmdShim(path) of the three shims cmd-shim writes (sh, cmd, ps1) for
// one bin, readCmdShim.sync of one, and of a file that is not a shim (ENOTASHIM).
const path = require('path');
const readCmdShim = require('read-cmd-shim');
const bin = path.join(__dirname, 'input', 'bin');
(async () => {
  const targets = await Promise.all(['tool', 'tool.cmd', 'tool.ps1'].map((name) => readCmdShim(path.join(bin, name))));
  if (!targets.every((t) => /tool\.js$/.test(t))) throw new Error(targets.join());
  if (!/tool\.js$/.test(readCmdShim.sync(path.join(bin, 'tool')))) throw new Error('sync');
  const refused = await readCmdShim(path.join(bin, 'plain.txt')).catch((error) => error.code);
  if (refused !== 'ENOTASHIM') throw new Error(String(refused));
  console.log('ok');
})().catch((error) => { console.error(error); process.exit(1); });
