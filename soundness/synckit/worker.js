const { runAsWorker } = require('synckit');
runAsWorker(async (a, b) => a + b);
