// As its README shows: new ThreadStream({ filename, workerData }), written to and ended; then sync.
const ThreadStream = require('thread-stream');
const fs = require('fs');
const path = require('path');
const dest = path.join(__dirname, 'out', 'log.txt');
fs.rmSync(dest, { force: true });
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
