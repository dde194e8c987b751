// A pool of worker threads that examine files ahead of the main thread (issue #19 phase 2,
// docs/workers.md). A worker walks the module graph on its own from the run's entries: it reads
// each file, parses it, runs the detectors, answers with a record of the examination
// (./examination-worker.ts), and goes on with the files it names literally. The analysis stays
// one synchronous pass on the main thread, in the order it always had: at a file's turn it takes
// the worker's record if one is ready for the very content it read itself, asks the record's
// questions again, and applies it when every answer is the same (Worklist.examineStored);
// otherwise it examines the file itself. So the report cannot depend on the pool: the pool only
// decides who ran acorn and the detectors.
//
// The main thread never waits: each file has a shared claim slot, and whichever side claims it
// first examines the file; a file a worker is still at when its turn comes is examined on the
// main thread too, and the worker's answer dropped. With `steal: false` (tests) the main thread
// asks for the file and waits instead; a worker that does not answer within `timeoutMs` is then
// taken as dead, the pool closes and every later file is examined inline. Nothing here can fail
// the analysis.
//
// A pool may outlive one analysis (the CLI starts it on its first line, so the worker loads the
// library while the main thread does; the bench keeps one): `begin` and `end` bracket each
// analysis, and what is left of an earlier one is skipped.

import { receiveMessageOnPort, MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { claimSlot, CLAIM_SLOTS, JOB_DONE, JOB_PENDING, JOB_STOLEN, type ExamineAnswer, type ExamineFile, type ExamineSetup, type ExamineWorkerInput } from './examination-protocol.js';
import type { StoredExamination } from './examination.js';
import { workerBootstrap, workerModule } from '../worker-code.js';

/** A worker's stack, in MiB: a file it can examine, the main thread can (lib/parse/pool.ts WORKER_STACK_MB says why that matters). */
const WORKER_STACK_MB = 0.5;

export interface ExaminationPoolOptions {
  /** Worker threads (at least 1). */
  size: number;
  /** With `steal: false`: how long to wait for a worker's answer before taking the pool as dead (default 10 s). */
  timeoutMs?: number;
  /** Whether the main thread examines a file itself when no record is ready (default true). Tests turn it off. */
  steal?: boolean;
  /** For tests: the worker's module, instead of ./examination-worker. */
  entry?: URL;
}

interface PoolWorker {
  worker: Worker;
  port: MessagePort;
}

/** The setup of an analysis, as the graph gives it (the pool adds the generation and the claim slots). */
export type AnalysisSetup = Omit<ExamineSetup, 'setup' | 'generation' | 'claims'>;

export class ExaminationPool {
  private readonly current = new Int32Array(new SharedArrayBuffer(4));
  private readonly workers: PoolWorker[] = [];
  /** Answers of this analysis not taken yet, by file. */
  private readonly answers = new Map<string, ExamineAnswer>();
  /** Files the main thread examined itself while a worker may have been at them: their answers are dropped. */
  private readonly dropped = new Set<string>();
  private readonly timeoutMs: number;
  private readonly steal: boolean;
  private claims: Int32Array = new Int32Array(new SharedArrayBuffer(4 * CLAIM_SLOTS));
  private generation = 0;
  private open = false;
  private closed = false;
  /**
   * Per analysis, for the bench and tests: records taken from workers, files a worker gave no
   * record for, files the main thread examined without asking a worker (or when the pool was
   * dead), answers received, and records whose questions got other answers at the file's turn
   * (counted by the worklist, which asks them again).
   */
  counts = { fromWorkers: 0, noRecord: 0, inline: 0, answers: 0, disagreed: 0 };

  private constructor(options: ExaminationPoolOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.steal = options.steal ?? true;
    try {
      for (let index = 0; index < options.size; index++) this.workers.push(this.spawn(options.entry));
    } catch (e) {
      this.close();
      throw e;
    }
  }

  /** A pool of `options.size` workers, or undefined when a worker cannot be started (the analysis then examines inline). */
  static start(options: ExaminationPoolOptions): ExaminationPool | undefined {
    if (options.size < 1) return undefined;
    try {
      return new ExaminationPool(options);
    } catch {
      return undefined;
    }
  }

  get size(): number {
    return this.workers.length;
  }

  private spawn(entry: URL | undefined): PoolWorker {
    const { port1, port2 } = new MessageChannel();
    const input: ExamineWorkerInput = { port: port2, current: this.current };
    const worker = new Worker(workerBootstrap(entry ?? workerModule(import.meta.url, 'examination-worker')), { eval: true, workerData: input, transferList: [port2], stdout: true, stderr: true, resourceLimits: { stackSizeMb: WORKER_STACK_MB } });
    // A worker's failure is seen as a missing answer; the event must still be listened to.
    worker.on('error', () => undefined);
    worker.unref();
    port1.unref();
    return { worker, port: port1 };
  }

  /** Starts an analysis: the workers walk from its roots, and what is left of an earlier one is skipped. */
  begin(setup: AnalysisSetup): void {
    if (this.closed) return;
    this.end();
    this.generation++;
    if (this.generation > 1) this.claims = new Int32Array(new SharedArrayBuffer(4 * CLAIM_SLOTS));
    this.counts = { fromWorkers: 0, noRecord: 0, inline: 0, answers: 0, disagreed: 0 };
    Atomics.store(this.current, 0, this.generation);
    const message: ExamineSetup = { setup: true, generation: this.generation, claims: this.claims, ...setup };
    for (const w of this.workers) w.port.postMessage(message);
    this.open = true;
  }

  /** Ends the analysis: the workers stop walking it, its answers are dropped. */
  end(): void {
    if (!this.open) return;
    this.open = false;
    Atomics.store(this.current, 0, 0);
    for (const w of this.workers) while (receiveMessageOnPort(w.port));
    this.answers.clear();
    this.dropped.clear();
  }

  /** A file the main thread queued that a worker may not find by itself (a request found by evaluation): a worker takes it up next. */
  submit(file: string, now = false): void {
    if (!this.open || this.closed) return;
    const message: ExamineFile = { generation: this.generation, file, ...(now ? { now } : {}) };
    this.workers[0]!.port.postMessage(message);
  }

  /**
   * A worker's record of `file` examined from the content whose key is `key` (contentKey), or
   * undefined: no worker had started it (it is taken back), one is still at it, it was examined
   * from other content, it gave no record, or the pool is dead. The caller then examines the
   * file itself.
   */
  take(file: string, key: () => string): StoredExamination | undefined {
    if (this.closed || !this.open) return undefined;
    this.receive();
    let answer = this.answers.get(file);
    if (!answer && this.steal) {
      // Not started by a worker: taken back. Else a worker is at it (or at another file of the slot): its answer is dropped.
      if (Atomics.compareExchange(this.claims, claimSlot(file), JOB_PENDING, JOB_STOLEN) !== JOB_PENDING) this.dropped.add(file);
      return this.inline();
    }
    answer ??= this.waitFor(file);
    if (!answer) return this.inline();
    this.answers.delete(file);
    if (!answer.stored || answer.key !== key()) {
      this.counts.noRecord++;
      return undefined;
    }
    this.counts.fromWorkers++;
    return answer.stored;
  }

  private inline(): undefined {
    this.counts.inline++;
    return undefined;
  }

  /** The main thread has examined `file`, and so every file it names literally: a worker's walk stops there. */
  done(file: string): void {
    if (this.open && this.steal) Atomics.store(this.claims, claimSlot(file), JOB_DONE);
  }

  /** Reads every answer the workers have sent, without waiting. */
  private receive(): void {
    for (const w of this.workers) {
      for (let m = receiveMessageOnPort(w.port); m; m = receiveMessageOnPort(w.port)) {
        const answer = m.message as ExamineAnswer;
        if (answer.generation !== this.generation) continue;
        this.counts.answers++;
        if (!this.dropped.has(answer.file)) this.answers.set(answer.file, answer);
      }
    }
  }

  /** Tests (`steal: false`): asks a worker for the file and waits for its answer; none within the timeout closes the pool. */
  private waitFor(file: string): ExamineAnswer | undefined {
    this.submit(file, true);
    const deadline = performance.now() + this.timeoutMs;
    while (performance.now() < deadline) {
      this.receive();
      const answer = this.answers.get(file);
      if (answer) return answer;
      Atomics.wait(this.current, 0, this.generation, 1);
    }
    this.close();
    return undefined;
  }

  /** Stops the workers; later takes examine inline. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.open = false;
    for (const w of this.workers) {
      w.port.close();
      void w.worker.terminate();
    }
  }
}
