// What the examination pool (./examination-pool.ts) and its workers (./examination-worker.ts)
// share: the messages and the worker's inputs. Apart from both, and with type imports only, so
// that a program can start the pool before it loads the analysis (the CLI's first line).

import type { MessagePort } from 'node:worker_threads';
import type { RunFacts } from '../evaluate/index.js';
import type { UnresolvedMode } from '../types.js';
import type { StoredExamination } from './examination.js';

/** A job's slot in an analysis's `claims`: queued, taken by a worker, or taken back by the main thread. */
export const JOB_PENDING = 0;
export const JOB_TAKEN = 1;
export const JOB_STOLEN = 2;
/** Examined by the main thread, and so every file it names literally (dependencies first): a worker's walk need not pass it. */
export const JOB_DONE = 3;

export interface ExamineWorkerInput {
  /** The worker's end of its channel: setups and files in, answers out. */
  port: MessagePort;
  /** The analysis the pool works for now ([0]), shared: what is left of an earlier one is skipped. */
  current: Int32Array;
}

/** Claim slots, shared per analysis: a file's slot is `claimSlot(file)`; whoever moves it from JOB_PENDING first examines the file. */
export const CLAIM_SLOTS = 1 << 16;

/** A file's claim slot: two files may share one, and then one of them is examined on the main thread (never both in a worker). */
export function claimSlot(file: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < file.length; i++) h = Math.imul(h ^ file.charCodeAt(i), 0x01000193);
  return (h >>> 0) % CLAIM_SLOTS;
}

/** What every examination of one analysis shares: the run's facts and the options detectFile is given that are data. */
export interface ExamineSetup {
  setup: true;
  generation: number;
  claims: Int32Array;
  root: string;
  homedir: string;
  facts: RunFacts;
  unresolved: { read: UnresolvedMode; write: UnresolvedMode };
  entries: readonly string[];
  /** The files the main thread starts from: the worker explores their literal dependencies from there. */
  roots: readonly string[];
  maxFileSize: number;
  /** The names the models' value hooks are asked about, at the start (they grow during a run; asked again). */
  hookNames: string[][];
}

/**
 * A file the main thread queued (a request it found by evaluation, not named literally), or
 * must have now (`now`, tests that wait for every record): the worker takes it up next.
 */
export interface ExamineFile {
  generation: number;
  file: string;
  now?: boolean;
}

/**
 * A worker's examination of one file as data, with the key of the content and format it was
 * examined with (contentKey): the main thread takes it for the content it reads itself only.
 */
export interface ExamineAnswer {
  generation: number;
  file: string;
  key: string;
  stored: StoredExamination | undefined;
}
