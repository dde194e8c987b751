// What the parse pool (./pool.ts) and its workers (./parse-worker.ts) share: the worker's inputs
// and the states of a job's claim slot. Apart from both so the worker loads nothing of the pool.

import type { MessagePort } from 'node:worker_threads';

/** A job's slot in `claims`: queued, taken by a worker, or taken back by the main thread. */
export const JOB_PENDING = 0;
export const JOB_TAKEN = 1;
export const JOB_STOLEN = 2;

export interface WorkerInput {
  /** The worker's end of its channel: jobs in, answers out. */
  port: MessagePort;
  /** One slot per job id, shared: whoever moves it from JOB_PENDING first parses the file. */
  claims: Int32Array;
  /** One counter per worker, shared: bumped after each answer, so the main thread can wait for it. */
  signal: Int32Array;
  index: number;
}
