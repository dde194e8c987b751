// The worker: one function that reads the file it is given.
const fs = require('fs');
const workerpool = require('workerpool');
workerpool.worker({ read: (file) => fs.readFileSync(file, 'utf8').trim() });
