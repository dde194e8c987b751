const HasteMap = require('jest-haste-map').default;
const path = require('path');
const rootDir = path.join(__dirname, 'input');
HasteMap.create({
  id: 'demo', extensions: ['js'], maxWorkers: 1, platforms: [], rootDir, roots: [rootDir],
  retainAllFiles: true, useWatchman: false, cacheDirectory: path.join(__dirname, 'cache'),
})
  .then((map) => map.build())
  .then(({ hasteFS }) => {
    if (!hasteFS.exists(path.join(rootDir, 'lib', 'b.js'))) throw new Error('haste');
    console.log('ok');
  });
