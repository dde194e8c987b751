const { createSyncFn } = require('synckit');
const add = createSyncFn(require.resolve('./worker'));
if (add(1, 2) !== 3) throw new Error('synckit');
console.log('ok');
