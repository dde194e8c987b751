// A pool of worker threads that parse files ahead of the analysis (`analyze({ workers })`,
// docs/workers.md). The analysis stays one synchronous pass on the main thread, in the order it
// always had: the graph submits files as it learns of them (a few per worker ahead), and when it
// comes to parse one it takes the worker's tree, decoded (./ast-transfer.ts), or parses it itself.
// So the report cannot depend on the pool: the pool only decides who ran acorn.
//
// The main thread never waits: each job has a shared claim slot, and whichever side claims it
// first parses it; a file a worker is still parsing when the main thread needs it is parsed on
// the main thread too, and the worker's answer dropped. Answers are read synchronously from a
// port (receiveMessageOnPort). With `steal: false` (tests) the main thread waits instead, on a
// shared counter (Atomics.wait); a worker that does not answer within `timeoutMs` is then taken
// as dead, the pool closes and every later file is parsed inline. Nothing here can fail the
// analysis.

import { receiveMessageOnPort, MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { Node } from 'acorn';
import { TreeDecoder } from './ast-transfer.js';
import type { ParseAnswer, ParseJob } from './parse-worker.js';
import { JOB_PENDING, JOB_STOLEN, type WorkerInput } from './pool-protocol.js';
import { withoutBom, type ModuleKind } from './syntax.js';
import { workerBootstrap, workerModule } from '../worker-code.js';

/** Job ids beyond this are parsed inline (the claim slots are allocated once: 1 MiB). */
const MAX_JOBS = 1 << 18;

/**
 * Files handed to each worker and not yet taken: the texts and encoded trees waiting (about six
 * times a file's size) stay bounded on a tree of thousands of modules, and a worker does not
 * run far ahead of the files the main thread needs next.
 */
const AHEAD_PER_WORKER = 16;

/**
 * A worker's stack, in MiB. Whether a file is too deep to parse depends on the stack it is
 * parsed on, so a worker's tree may only stand for one the main thread could have made: a file
 * that parses on this small stack parses on the main thread's with room to spare (for frames of
 * a less optimised acorn, or the dependency chain the graph is in), and one that does not is
 * parsed on the main thread, whose verdict (FILE_TOO_DEEP or a tree) is then the inline one.
 * Measured (Node 20): a worker with 0.5 parses 100 nested template literals and not 300, the
 * main thread (V8's default 984 KiB) about 600; 0.25 is too small for a worker to start. The
 * deepest file of eslint's tree nests 112 nodes deep (about 50 templates' worth).
 */
const WORKER_STACK_MB = 0.5;

export interface ParsePoolOptions {
  /** Worker threads (at least 1). */
  size: number;
  /** With `steal: false`: how long to wait for a worker's answer before taking the pool as dead (default 10 s). */
  timeoutMs?: number;
  /**
   * Whether the main thread parses a file itself when its tree is not ready: no worker has
   * started it, or one is still parsing it (its answer is then dropped). Default true: the main
   * thread never waits. Tests turn it off so that every tree goes through a worker.
   */
  steal?: boolean;
  /** For tests: the worker's module, instead of ./parse-worker. */
  entry?: URL;
}

interface PoolWorker {
  worker: Worker;
  port: MessagePort;
  decoder: TreeDecoder;
  answers: Map<number, ParseAnswer>;
  /** Jobs the main thread parsed itself while this worker was at them: their answers are dropped. */
  dropped: Set<number>;
}

export class ParsePool {
  private readonly claims = new Int32Array(new SharedArrayBuffer(4 * MAX_JOBS));
  private readonly signal: Int32Array;
  private readonly workers: PoolWorker[] = [];
  private readonly jobs = new Map<string, { id: number; worker: PoolWorker }>();
  private readonly timeoutMs: number;
  private readonly steal: boolean;
  private nextId = 0;
  private closed = false;
  /** How many trees came from workers, and how many files the main thread parsed after all. */
  readonly counts = { fromWorkers: 0, inline: 0 };

  private constructor(options: ParsePoolOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.steal = options.steal ?? true;
    this.signal = new Int32Array(new SharedArrayBuffer(4 * options.size));
    try {
      for (let index = 0; index < options.size; index++) this.workers.push(this.spawn(index, options.entry));
    } catch (e) {
      this.close(); // the workers started before the one that could not be
      throw e;
    }
  }

  /** A pool of `options.size` workers, or undefined when a worker cannot be started (the analysis then parses inline). */
  static start(options: ParsePoolOptions): ParsePool | undefined {
    if (options.size < 1) return undefined;
    try {
      return new ParsePool(options);
    } catch {
      return undefined;
    }
  }

  private spawn(index: number, entry: URL | undefined): PoolWorker {
    const { port1, port2 } = new MessageChannel();
    const input: WorkerInput = { port: port2, claims: this.claims, signal: this.signal, index };
    const worker = new Worker(workerBootstrap(entry ?? workerModule(import.meta.url, 'parse-worker')), { eval: true, workerData: input, transferList: [port2], stdout: true, stderr: true, resourceLimits: { stackSizeMb: WORKER_STACK_MB } });
    // A worker's failure is seen as a missing answer (see wait); the event must still be listened to.
    worker.on('error', () => undefined);
    worker.unref();
    return { worker, port: port1, decoder: new TreeDecoder(), answers: new Map(), dropped: new Set() };
  }

  /** Whether the pool takes another file now (it is open and not too far ahead). */
  wants(): boolean {
    return !this.closed && this.jobs.size < AHEAD_PER_WORKER * this.workers.length && this.nextId < MAX_JOBS;
  }

  /** Asks a worker to parse `file` (its text as read through the host), unless it was asked already. */
  submit(file: string, text: string, preferred: ModuleKind, detectable: boolean): void {
    if (!this.wants() || this.jobs.has(file)) return;
    const id = this.nextId++;
    const worker = this.workers[id % this.workers.length]!;
    this.jobs.set(file, { id, worker });
    const job: ParseJob = { id, text, preferred, detectable };
    worker.port.postMessage(job);
  }

  /**
   * The tree a worker parsed for `file` from `text`, or undefined: the file was not submitted,
   * no worker had started it (it is taken back), it did not parse, or the pool is dead. The
   * caller then parses the file itself.
   */
  take(file: string, text: string): { ast: Node; kind: ModuleKind } | undefined {
    const job = this.jobs.get(file);
    if (!job || this.closed) return this.inline();
    this.jobs.delete(file);
    if (this.steal && Atomics.compareExchange(this.claims, job.id, JOB_PENDING, JOB_STOLEN) === JOB_PENDING) return this.inline();
    const answer = this.wait(job.worker, job.id, this.steal ? 0 : this.timeoutMs);
    if (!answer && this.steal) {
      job.worker.dropped.add(job.id);
      return this.inline();
    }
    if (!answer) {
      this.close();
      return this.inline();
    }
    if (!answer.ok) return this.inline();
    try {
      const ast = job.worker.decoder.decode(answer.tree, withoutBom(text));
      this.counts.fromWorkers++;
      return { ast, kind: answer.kind };
    } catch {
      // Deeper than the decoder's stack: the inline parse gives the verdict.
      return this.inline();
    }
  }

  private inline(): undefined {
    this.counts.inline++;
    return undefined;
  }

  /** Waits up to `timeoutMs` for job `id`'s answer from `w`, reading every answer that comes first. */
  private wait(w: PoolWorker, id: number, timeoutMs: number): ParseAnswer | undefined {
    const index = this.workers.indexOf(w);
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      // Read the counter before the port: an answer queued after the read changes the counter, so the wait returns at once.
      const seen = Atomics.load(this.signal, index);
      for (let m = receiveMessageOnPort(w.port); m; m = receiveMessageOnPort(w.port)) {
        const answer = m.message as ParseAnswer;
        // Every tree's new shapes are learnt in the order the worker encoded them, decoded or not.
        if (answer.ok) w.decoder.learn(answer.tree);
        if (!w.dropped.delete(answer.id)) w.answers.set(answer.id, answer);
      }
      const answer = w.answers.get(id);
      if (answer) {
        w.answers.delete(id);
        return answer;
      }
      const left = deadline - performance.now();
      if (left <= 0) return undefined;
      Atomics.wait(this.signal, index, seen, left);
    }
  }

  /** Stops the workers; later takes parse inline. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.workers) {
      w.port.close();
      void w.worker.terminate();
    }
  }
}
