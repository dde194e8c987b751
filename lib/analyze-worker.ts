// The entry of the analysis thread that analyzeIsolated starts (analyze-isolated.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { runIsolated, type IsolatedMessage } from './analyze-isolated.js';

await runIsolated(workerData, (m: IsolatedMessage, transfer?: ArrayBuffer[]) => parentPort!.postMessage(m, transfer));
