// As its README shows: a caching transform with its cache in a folder it makes (through
// make-dir), the first call transforming and writing the result (write-file-atomic), the second
// read from the cache; then one made by a factory given the cache folder, with a file-name
// prefix and an extension. Its own package.json is hashed into each key (package-hash).
const fs = require('fs');
const path = require('path');
const cachingTransform = require('caching-transform');
const cacheDir = path.join(__dirname, 'cache', 'upper');
let calls = 0;
const upper = cachingTransform({ cacheDir, salt: 'v1', transform: (code) => (calls++, code.toUpperCase()) });
if (upper('let a = 1;') !== 'LET A = 1;' || upper('let a = 1;') !== 'LET A = 1;' || calls !== 1) throw new Error(String(calls));
if (fs.readdirSync(cacheDir).length !== 1) throw new Error('cache');
const reversed = cachingTransform({
  cacheDir: path.join(__dirname, 'cache', 'reversed'),
  ext: '.js',
  filenamePrefix: (metadata) => `${path.basename(metadata.filename, '.js')}-`,
  factory: (dir) => (code) => `/* ${path.basename(dir)} */ ${code.split('').reverse().join('')}`,
});
if (reversed('abc', { filename: 'x.js' }) !== '/* reversed */ cba') throw new Error('factory');
if (!fs.readdirSync(path.join(__dirname, 'cache', 'reversed'))[0].startsWith('x-')) throw new Error('prefix');
console.log('ok');
