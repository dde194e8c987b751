const { create } = require('flat-cache');
const path = require('path');
const cache = create({ cacheId: 'demo', cacheDir: path.join(__dirname, '.cache') });
cache.set('key', { v: 1 });
cache.save();
console.log('ok');
