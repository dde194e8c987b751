const readCache = require('read-cache');
const path = require('path');
const file = path.join(__dirname, 'input', 'a.txt');
readCache(file, 'utf8').then((text) => {
  if (text !== 'hello\n' || readCache.sync(file, 'utf8') !== text || readCache.get(file, 'utf8') !== text) throw new Error('read-cache');
  console.log('ok');
});
