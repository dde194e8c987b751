// analyze() in a worker thread of its own, for the CLI (issue #19 item 4). Every object an
// analysis keeps to its end survives two young collections, and V8 grows the young generation
// each time more bytes survived than it holds: on Node 24 and 26 it reached 128 MiB committed on
// the 20,000-module tree (32 MiB on Node 20), so a fresh generate-flags run peaked anywhere from
// 300 to 360 MiB. A worker's heap takes its own limits (resourceLimits, Node's public API, not a
// process-wide V8 flag): its young generation is held at Node 20's size on every version, and
// the whole heap is given back when the worker ends, before the report is rendered. The report
// is plain data, copied back by the structured clone; what cannot cross a thread (a custom host)
// runs on the calling thread as before.

import { deserialize, serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { analyze, type AnalyzeOptions } from './analyze.js';
import { PolicyError, type PolicyErrorCode } from './errors.js';
import type { AnalyzeProgress, Report } from './report.js';
import { workerBootstrap, workerModule } from './worker-code.js';

/** The young generation of the analysis' heap, in MiB: what Node 20's V8 gives a 64-bit process (three 16 MiB semi-spaces). */
const YOUNG_GENERATION_MB = 48;

/** What the worker posts: progress, the report, or the error the analysis threw. */
export type IsolatedMessage =
  | { progress: AnalyzeProgress }
  /** The report serialised (node:v8), its buffer moved rather than copied. */
  | { report: Uint8Array }
  | { error: { policy?: { code: PolicyErrorCode; hint: string | undefined }; message: string; stack?: string } };

/**
 * Node versions whose V8 grows a process's young generation past YOUNG_GENERATION_MB when
 * objects keep surviving: 24 and 26 reach 128 MiB committed (measured, docs/limits.md), 20 and
 * 22 stay at 32. Below this major the calling thread's heap is already bounded so, and a
 * worker would only load the analyser's code a second time (some 30 MiB, and CPU to start).
 */
const FIRST_GROWING_MAJOR = 24;

/**
 * The report analyze(options) gives. Where this Node's V8 lets the young generation grow
 * (`thread: 'auto'`, the default) or when asked (`'worker'`), it is analysed in a worker thread
 * whose heap is bounded and released when it ends; else, and for options that cannot be copied
 * to a thread (`host`), on this thread.
 */
export async function analyzeIsolated(options: AnalyzeOptions, thread: 'auto' | 'worker' = 'auto'): Promise<Report> {
  const major = Number(process.versions.node.split('.')[0]);
  if (options.host || (thread === 'auto' && major < FIRST_GROWING_MAJOR)) return analyze(options);
  const { onProgress, ...data } = options;
  let worker: Worker;
  try {
    worker = new Worker(workerBootstrap(workerModule(import.meta.url, 'analyze-worker')), { eval: true, workerData: { options: data, progress: onProgress !== undefined }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  } catch {
    // An option the structured clone refuses: the analysis is the same on this thread.
    return analyze(options);
  }
  return settle(worker, onProgress);
}

/**
 * The worker's outcome: resolved with its report once it has ended, or rejected with its error.
 * The report comes as bytes and is only made into objects here after the worker's heap is gone,
 * so the two are never in memory together.
 */
function settle(worker: Worker, onProgress: AnalyzeOptions['onProgress']): Promise<Report> {
  return new Promise((resolve, reject) => {
    let outcome: { report: Uint8Array } | { error: Error } | undefined;
    worker.on('message', (m: IsolatedMessage) => {
      if ('progress' in m) onProgress?.(m.progress);
      else outcome = 'report' in m ? { report: m.report } : { error: errorOf(m.error) };
    });
    worker.once('error', (e) => {
      outcome ??= { error: e };
    });
    worker.once('exit', (code) => {
      if (outcome && 'report' in outcome) resolve(deserialize(outcome.report) as Report);
      else reject(outcome?.error ?? new Error(`the analysis thread ended with code ${code} before its report`));
    });
  });
}

/** The error as the calling thread would have seen it: a PolicyError keeps its code and hint, anything else its stack. */
function errorOf(e: Extract<IsolatedMessage, { error: unknown }>['error']): Error {
  if (e.policy) return new PolicyError(e.policy.code, e.message, e.policy.hint);
  const error = new Error(e.message);
  if (e.stack !== undefined) error.stack = e.stack;
  return error;
}

/** Runs in the worker (analyze-worker.ts): the analysis of the options it was given, posted back. */
export async function runIsolated(input: { options: Omit<AnalyzeOptions, 'onProgress'>; progress: boolean }, post: (m: IsolatedMessage, transfer?: ArrayBuffer[]) => void): Promise<void> {
  try {
    const report = await analyze({ ...input.options, ...(input.progress ? { onProgress: (progress: AnalyzeProgress) => post({ progress }) } : {}) });
    const bytes = serialize(report);
    post({ report: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) }, [bytes.buffer as ArrayBuffer]);
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    post({ error: { ...(error instanceof PolicyError ? { policy: { code: error.code, hint: error.hint } } : {}), message: error.message, ...(error.stack !== undefined ? { stack: error.stack } : {}) } });
  }
}
