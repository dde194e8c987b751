const { createSourceMapStore } = require('istanbul-lib-source-maps');
const path = require('path');
const store = createSourceMapStore({ baseDir: path.join(__dirname, 'input') });
const file = path.join(__dirname, 'input', 'a.js');
store.registerURL(file, 'a.js.map');
const map = store.getSourceMapSync(file);
if (!map || map.sources[0] !== 'a.ts') throw new Error('map');
if (!store.sourceFinder('a.ts').includes('const a')) throw new Error('source');
console.log('ok');
