// As its README shows: a pool on worker threads, then one with runtime 'child_process'.
import Tinypool from 'tinypool';
const filename = new URL('./worker.mjs', import.meta.url).href;
for (const runtime of ['worker_threads', 'child_process']) {
  const pool = new Tinypool({ filename, runtime, maxThreads: 1, minThreads: 1 });
  const text = await pool.run({ name: 'a.txt' });
  await pool.destroy();
  if (text !== 'four') throw new Error(`${runtime}: ${text}`);
}
console.log('ok');
