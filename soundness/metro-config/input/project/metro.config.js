// A project's Metro configuration: its cache stores made by the function Metro hands metro-cache to.
const path = require('path');
module.exports = {
  projectRoot: __dirname,
  resetCache: false,
  cacheStores: ({ FileStore }) => [new FileStore({ root: path.join(__dirname, '.metro-cache') })],
  resolver: { sourceExts: ['js', 'json', 'ts'] },
};
