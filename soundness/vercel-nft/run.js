// As its README shows: nodeFileTrace of an app's entry with `base` and `processCwd`; it reads the
// entry, the modules it requires (a file and a folder with its package.json) and finds
// the data file the entry reads through path.join(__dirname, …).
const path = require('path');
const { nodeFileTrace } = require('@vercel/nft');
const base = path.join(__dirname, 'input', 'proj');
(async () => {
  const { fileList } = await nodeFileTrace([path.join(base, 'src', 'main.js')], { base, processCwd: base });
  const files = [...fileList].sort();
  for (const f of ['data/config.json', 'vendor/dep/index.js', 'vendor/dep/package.json', 'src/main.js', 'src/second.js']) {
    if (!files.includes(f)) throw new Error(files.join());
  }
  console.log('ok');
})();
