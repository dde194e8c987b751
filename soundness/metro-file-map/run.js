// As Metro builds its file map: a FileMap over a project's folder with the node crawler (`find`
// started, or fs.readdir and lstat), sha1 of each file computed in this process, its cache
// written by a DiskCacheManager in a folder of the app; then a second FileMap that reads that
// cache back; the file system it answers queries from.
const fs = require('fs');
const path = require('path');
const { default: FileMap, DiskCacheManager } = require('metro-file-map');
const rootDir = path.join(__dirname, 'input', 'project');
const cacheDirectory = path.join(__dirname, 'file-map-cache');
fs.mkdirSync(cacheDirectory, { recursive: true });
const make = () => new FileMap({
  rootDir,
  roots: [path.join(rootDir, 'src')],
  extensions: ['js', 'json'],
  platforms: [],
  maxWorkers: 1,
  retainAllFiles: false,
  useWatchman: false,
  computeSha1: true,
  healthCheck: { enabled: false, interval: 10000, timeout: 1000, filePrefix: '.health' },
  cacheManagerFactory: ({ buildParameters }) => new DiskCacheManager({ buildParameters }, { cacheDirectory, cacheFilePrefix: 'map' }),
});
(async () => {
  const first = make();
  const { fileSystem } = await first.build();
  if (!fileSystem.exists(path.join(rootDir, 'src', 'components', 'Button.js')) || fileSystem.exists(path.join(rootDir, 'src', 'notes.txt'))) throw new Error('files');
  await first.end();
  if (fs.readdirSync(cacheDirectory).length !== 1) throw new Error('cache');
  const second = make();
  const again = await second.build();
  if (again.fileSystem.getAllFiles().length !== 3) throw new Error(String(again.fileSystem.getAllFiles().length));
  await second.end();
  console.log('ok');
})().catch((error) => { console.error(error); process.exit(1); });
