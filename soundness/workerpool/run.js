// As its README shows: pool(script) runs the script's registered functions in workers, on
// threads and then on processes; exec of a function offloads it to a default worker.
const path = require('path');
const workerpool = require('workerpool');
const script = path.join(__dirname, 'input', 'worker.js');
const file = path.join(__dirname, 'input', 'data.txt');
(async () => {
  for (const workerType of ['thread', 'process']) {
    const pool = workerpool.pool(script, { workerType, maxWorkers: 1 });
    const text = await pool.exec('read', [file]);
    if (text !== 'data') throw new Error(`${workerType}: ${text}`);
    await pool.terminate();
  }
  const pool = workerpool.pool({ maxWorkers: 1 });
  if ((await pool.exec((a, b) => a + b, [1, 2])) !== 3) throw new Error('offload');
  await pool.terminate();
  console.log('ok');
})();
