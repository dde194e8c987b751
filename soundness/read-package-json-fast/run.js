// As its README shows: rpj of a package.json (its bin normalized), of one whose bins are a
// folder's files (directories.bin, walked with its subfolder), of a missing one (an error
// with the path), and normalize of a manifest in memory.
const path = require('path');
const rpj = require('read-package-json-fast');
(async () => {
  const data = await rpj(path.join(__dirname, 'input', 'pkg', 'package.json'));
  if (data.name !== 'soundness-sample' || data.bin['soundness-sample'] !== 'bin/cli.js' || data._id !== 'soundness-sample@1.2.3') throw new Error(JSON.stringify(data));
  const tools = await rpj(path.join(__dirname, 'input', 'tools', 'package.json'));
  if (tools.bin['a.js'] !== 'scripts/a.js' || tools.bin['b.js'] !== 'scripts/sub/b.js') throw new Error(JSON.stringify(tools.bin));
  const missing = await rpj(path.join(__dirname, 'input', 'none', 'package.json')).catch((error) => error);
  if (missing.code !== 'ENOENT') throw new Error(String(missing));
  if (rpj.normalize({ name: 'x', version: '1.0.0', bin: 'a.js' }).bin.x !== 'a.js') throw new Error('normalize');
  console.log('ok');
})().catch((error) => { console.error(error); process.exit(1); });
