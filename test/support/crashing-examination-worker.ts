// An examination worker that dies as soon as it is given an analysis, without answering
// (test/workers.test.ts): the main thread must stop waiting for it and examine every file itself.
import { workerData } from 'node:worker_threads';
import type { ExamineWorkerInput } from '../../lib/graph/examination-protocol.js';

const { port } = workerData as ExamineWorkerInput;
port.on('message', () => process.exit(1));
