const { add } = require('./lib');
if (add(2, 3) !== 5) throw new Error('add');
