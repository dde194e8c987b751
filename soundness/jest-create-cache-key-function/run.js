// As a Jest transformer uses it (babel-jest does): a cache key function made from files whose
// contents go into every key (read once, here), then the key of one source file.
const fs = require('fs');
const path = require('path');
const { default: createCacheKey } = require('@jest/create-cache-key-function');
const input = path.join(__dirname, 'input');
const getCacheKey = createCacheKey([path.join(input, 'babel.config.json'), __filename], ['v1']);
const file = path.join(input, 'file.js');
const key = getCacheKey(fs.readFileSync(file, 'utf8'), file, '{}', { config: { rootDir: input }, instrument: false });
if (!/^[0-9a-f]{32}$/.test(key)) throw new Error(key);
console.log('ok');
