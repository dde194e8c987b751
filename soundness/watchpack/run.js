const Watchpack = require('watchpack');
const path = require('path');
const dir = path.join(__dirname, 'input');
const wp = new Watchpack({ aggregateTimeout: 50 });
wp.on('aggregated', (changes) => {
  wp.close();
  if (!changes.has(path.join(dir, 'a.txt'))) throw new Error([...changes].join());
  console.log('ok');
});
wp.watch({ files: [path.join(dir, 'a.txt')], directories: [dir], startTime: 0 });
