// As its README shows: new ThreadStream({ filename, workerData }), written to and ended; then sync.
// The log file is new to each run and the app only reads it: had the app removed or written it
// too, that grant would cover the worker's own write by chance.
const ThreadStream = require('thread-stream');
const fs = require('fs');
const path = require('path');
const dest = path.join(__dirname, 'out', `log-${process.pid}.txt`);
const filename = path.join(__dirname, 'worker.js');
const stream = new ThreadStream({ filename, workerData: { dest }, sync: false });
stream.write('one\n');
stream.end();
stream.on('close', () => {
  const sync = new ThreadStream({ filename, workerData: { dest }, sync: true });
  sync.write('two\n');
  sync.end();
  sync.on('close', () => {
    if (fs.readFileSync(dest, 'utf8') !== 'one\ntwo\n') throw new Error(fs.readFileSync(dest, 'utf8'));
    console.log('ok');
  });
});
