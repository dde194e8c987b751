// An examination worker that takes every file and never answers (test/workers.test.ts): a hung
// worker. The main thread must give up after its timeout and examine the files itself.
import { workerData } from 'node:worker_threads';
import type { ExamineWorkerInput } from '../../lib/graph/examination-protocol.js';

const { port } = workerData as ExamineWorkerInput;
port.on('message', () => undefined);
