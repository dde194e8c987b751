// As its README shows: getManifest of a build folder (globbed, each file read and hashed),
// injectManifest of a service worker source into a file it writes beside the build, and
// copyWorkboxLibraries into a folder it makes there (the workbox-* packages' files copied).
const fs = require('fs');
const path = require('path');
const { copyWorkboxLibraries, getManifest, injectManifest } = require('workbox-build');
const input = path.join(__dirname, 'input');
const out = path.join(__dirname, 'out');
(async () => {
  const { count, manifestEntries } = await getManifest({ globDirectory: path.join(input, 'dist'), globPatterns: ['**/*.{html,css,js}'] });
  if (count !== 3 || !manifestEntries.every((e) => e.revision)) throw new Error(JSON.stringify(manifestEntries));
  fs.mkdirSync(out, { recursive: true });
  const injected = await injectManifest({
    swSrc: path.join(input, 'src', 'sw.js'),
    swDest: path.join(out, 'sw.js'),
    globDirectory: path.join(input, 'dist'),
    globPatterns: ['**/*.{html,css}'],
  });
  if (injected.count !== 2 || !fs.readFileSync(path.join(out, 'sw.js'), 'utf8').includes('index.html')) throw new Error('inject');
  const folder = await copyWorkboxLibraries(out);
  if (!fs.existsSync(path.join(out, folder, 'workbox-sw.js'))) throw new Error(folder);
  console.log('ok');
})().catch((error) => { console.error(error); process.exit(1); });
