// As its README shows: cmdShim(from, to) of a bin with a node shebang (it reads the shebang and
// writes `to`, `to.cmd` and `to.ps1`, chmod 755, in a folder it makes), of a shell script, then
// cmdShim.ifExists of a missing file (nothing written).
const fs = require('fs');
const path = require('path');
const cmdShim = require('cmd-shim');
const bins = path.join(__dirname, 'input', 'pkg', 'bin');
const out = path.join(__dirname, 'out', '.bin');
(async () => {
  await cmdShim(path.join(bins, 'tool.js'), path.join(out, 'tool'));
  await cmdShim(path.join(bins, 'plain.sh'), path.join(out, 'plain'));
  await cmdShim.ifExists(path.join(bins, 'missing.js'), path.join(out, 'missing'));
  const names = fs.readdirSync(out).sort().join(',');
  if (names !== 'plain,plain.cmd,plain.ps1,tool,tool.cmd,tool.ps1') throw new Error(names);
  if (!fs.readFileSync(path.join(out, 'tool'), 'utf8').includes('node')) throw new Error('shebang');
  console.log('ok');
})().catch((error) => { console.error(error); process.exit(1); });
