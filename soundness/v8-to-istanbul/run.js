const v8toIstanbul = require('v8-to-istanbul');
const path = require('path');
const file = path.join(__dirname, 'input', 'a.js');
const converter = v8toIstanbul(file);
converter.load().then(() => {
  converter.applyCoverage([{ functionName: '', isBlockCoverage: true, ranges: [{ startOffset: 0, endOffset: 60, count: 1 }] }]);
  if (!converter.toIstanbul()[file]) throw new Error('v8-to-istanbul');
  console.log('ok');
});
