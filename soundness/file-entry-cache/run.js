const fileEntryCache = require('file-entry-cache');
const path = require('path');
const cache = fileEntryCache.create('demo', path.join(__dirname, '.cache'));
const d = cache.getFileDescriptor(path.join(__dirname, 'input', 'a.txt'));
if (!d) throw new Error('no descriptor');
cache.reconcile();
console.log('ok');
