// A parse worker that takes its first job and dies without answering (test/workers.test.ts):
// the main thread must stop waiting for it and parse the file itself.
import { workerData } from 'node:worker_threads';
import { JOB_PENDING, JOB_TAKEN, type WorkerInput } from '../../lib/parse/pool-protocol.js';

const { port, claims } = workerData as WorkerInput;
port.on('message', (job: { id: number }) => {
  Atomics.compareExchange(claims, job.id, JOB_PENDING, JOB_TAKEN);
  process.exit(1);
});
