// An examination worker (./examination-pool.ts, docs/workers.md): takes a file's text, parses
// it, walks its scopes and runs the detectors over it, as the main thread would, and answers
// with the examination as a record (./examination.ts): its findings as data and the questions it
// asked outside the file, with this worker's answers. It sees no other file, so it answers them
// as a file examined alone would be answered most of the time (another module exports nothing
// it can fold, a call into another module comes to nothing, no JSON data); the main thread asks
// every question again at the file's turn and takes the record only when every answer is the
// same, so a wrong guess costs time, never a different report. It never loads, runs or
// evaluates the code it reads. A job the main thread took back first is skipped.

import { readFileSync, realpathSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import * as path from 'node:path';
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { broadFolders } from '../detect/prefix.js';
import { detectFile, type DetectOptions } from '../detect/index.js';
import { EVALUATION_FUEL, newEvalState, type EvalHooks, type EvalState } from '../evaluate/index.js';
import { cachingHost, listFolder, nodeHost, type Host } from '../host.js';
import { isTypeScript, parseFile, type FileModel } from '../parse/index.js';
import { relativeFile, siteIn } from '../site.js';
import type { PackageName } from '../types.js';
import { contentKey, ExaminationRecorder, recordOf, type StoredExamination } from './examination.js';
import { claimSlot, JOB_DONE, JOB_PENDING, JOB_TAKEN, type ExamineAnswer, type ExamineFile, type ExamineSetup, type ExamineWorkerInput } from './examination-protocol.js';
import { dependencyBase, fixedFormat, hasModuleSyntax, literalDependencies, packageOf, type LiteralDependency } from './files.js';
import { namedLoads } from './large-file.js';
import { cachedResolve, packageScopeOf, type Resolve } from './resolve.js';

/** One analysis's examinations: its setup, and the detection options built from it once. */
interface Examiner {
  setup: ExamineSetup;
  recorder: ExaminationRecorder;
  state: EvalState;
  /** The worker's answers to the questions whose answers grow during a run: the main thread's at the start of the run. */
  job: { methodNames: ReadonlySet<string> | undefined; hookNames: [Set<string>, Set<string>] };
  detect: DetectOptions;
}

const realpathOr = (p: string): string => {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
};

/**
 * The detection options of lib/graph/index.ts with the same shape (every hook and option there
 * is here, recorded under the same question), answering from this worker's knowledge.
 */
function examinerFor(setup: ExamineSetup): Examiner {
  const recorder = new ExaminationRecorder();
  const state = newEvalState();
  const job: Examiner['job'] = { methodNames: undefined, hookNames: [new Set(setup.hookNames[0]), new Set(setup.hookNames[1])] };
  const modelsOf = recorder.asks('valueModelsOf', (_pkg: PackageName) => '');
  // The models' value hooks answer nothing in a package no such model applies to (the main thread's answer, asked again).
  const nothing = (file: FileModel): undefined => void modelsOf(packageOf(file.file));
  const hooks: EvalHooks = {
    assume: (assumption) => recorder.did({ assumption }),
    importValue: recorder.asks('importValue', () => undefined),
    forwardingOf: recorder.asks('forwardingOf', () => undefined),
    importedMembers: recorder.asks('importedMembers', () => undefined),
    paramWritesOf: recorder.asks('paramWritesOf', () => undefined),
    modelOf: () => undefined,
    jsonData: recorder.asks('jsonData', () => undefined),
    resolve: recorder.asks('resolve', () => undefined),
    parserOptions: { names: job.hookNames[0], value: nothing, called: nothing },
    fieldValue: { last: job.hookNames[1], value: nothing },
  };
  const methodNames = recorder.asks('methodNames', (_pkg: PackageName) => job.methodNames);
  const hookNames = recorder.asks('valueHookNames', () => job.hookNames.map((names) => [...names].sort()));
  const detect: DetectOptions = {
    env: { facts: setup.facts, hooks, state },
    packageOf,
    unresolved: setup.unresolved,
    tooBroad: recorder.asks('tooBroad', broadFolders(setup.root, setup.homedir, realpathOr)),
    methodNames: (pkg) => {
      hookNames();
      return methodNames(pkg);
    },
    entries: setup.entries,
    callMatters: recorder.asks('callMatters', () => false),
    awaitsExports: recorder.asks('awaitsExports', () => false),
  };
  return { setup, recorder, state, job, detect };
}

/** The record of one file's examination, or undefined when there is none to give. */
function examine(examiner: Examiner, file: string, text: string, format: 'cjs' | 'esm', detectable: boolean): StoredExamination | undefined {
  const { setup, recorder, state, detect } = examiner;
  const relative = relativeFile(setup.root, file);
  const parsed = parseFile(file, text, format, detectable, (loc) => siteIn(relative, loc));
  // Not parsed here (a syntax error, or deeper than this worker's stack): the main thread parses it for the diagnostic.
  if (!parsed.ok) return undefined;
  const model = parsed.model;
  if (setup.facts.root === setup.root) model.relative = relative;
  recorder.begin();
  let record;
  try {
    state.fuel.left = EVALUATION_FUEL;
    const findings = detectFile(model, detect);
    const asked = recorder.end();
    record = asked && recordOf(findings, asked);
  } catch {
    // Too deep for this worker's stack, or anything unexpected: the main thread examines the file.
    recorder.end();
    return undefined;
  }
  if (!record) return undefined;
  // Outside the recording, as the main thread finds them (Worklist.analyse).
  let literal: LiteralDependency[];
  try {
    literal = literalDependencies(model, detect.env);
  } catch {
    return undefined;
  }
  return { ...record, format: model.kind, ...(model.kind === 'esm' ? { moduleSyntax: hasModuleSyntax(model.ast) } : {}), literal };
}

/** One analysis as a worker walks it: the files to take up (a stack), those seen, and how it resolves and reads. */
interface Walk {
  examiner: Examiner;
  stack: string[];
  seen: Set<string>;
  /** Files the main thread waits for (tests): examined whatever their claim slot says. */
  asked: Set<string>;
  host: Host;
  resolve: Resolve;
  scopes: Map<string, { dir: string; typeModule: boolean } | undefined>;
}

/**
 * Takes up one file: claims it, reads it from the file system (the main thread reads it again
 * through its host and compares the content key), examines it, answers, and puts the files it
 * names literally on the stack, last first: the main thread examines a file's literal
 * dependencies in order, each before the file, so this walk meets it from the other end.
 */
function takeUp(walk: Walk, file: string, port: MessagePort): void {
  const { setup } = walk.examiner;
  const slot = claimSlot(file);
  // Asked for by the main thread (it waits): answered whatever the slot says, and the slot taken so the walk does not examine it again.
  const asked = walk.asked.delete(file);
  const state = asked ? (Atomics.store(setup.claims, slot, JOB_TAKEN), JOB_PENDING) : Atomics.compareExchange(setup.claims, slot, JOB_PENDING, JOB_TAKEN);
  // Taken by another worker, or examined by the main thread with what it names: nothing to walk past.
  if (state === JOB_TAKEN || state === JOB_DONE) return;
  const claimed = state === JOB_PENDING;
  let bytes: Buffer | undefined;
  try {
    bytes = readFileSync(file);
  } catch {
    bytes = undefined;
  }
  if (bytes === undefined || bytes.length > setup.maxFileSize) {
    if (claimed) post(port, { generation: setup.generation, file, key: '', stored: undefined });
    return;
  }
  const text = bytes.toString('utf8');
  // Being examined by the main thread (its dependencies now): the walk goes on past it, by a cheap scan of what it names.
  const next: LiteralDependency[] = claimed ? answer(walk, file, bytes, text, port) : [...namedLoads(text)];
  for (const dep of next.reverse()) {
    if (isBuiltin(dep.specifier)) continue;
    const r = walk.resolve(dep.specifier, dependencyBase(file, dep), dep.kind);
    if (r.kind === 'file') push(walk, r.file);
  }
}

/** Sends an answer; one whose record cannot be copied goes without it (the main thread examines the file). */
function post(port: MessagePort, reply: ExamineAnswer): void {
  try {
    port.postMessage(reply);
  } catch {
    port.postMessage({ ...reply, stored: undefined });
  }
}

/** Examines a file the worker claimed and answers with its record; what it names literally, to walk on. */
function answer(walk: Walk, file: string, bytes: Buffer, text: string, port: MessagePort): LiteralDependency[] {
  const { setup } = walk.examiner;
  const ext = path.extname(file);
  const format = fixedFormat[ext] ?? (packageScopeOf(walk.host, file, walk.scopes)?.typeModule ? 'esm' : 'cjs');
  const detectable = !(ext in fixedFormat);
  const stored = examine(walk.examiner, file, text, format, detectable);
  post(port, { generation: setup.generation, file, key: contentKey(bytes, format, detectable), stored });
  return stored ? [...stored.literal] : [...namedLoads(text)];
}

function push(walk: Walk, file: string): void {
  const ext = path.extname(file);
  if (walk.seen.has(file) || ext === '.json' || ext === '.node' || isTypeScript(file)) return;
  walk.seen.add(file);
  walk.stack.push(file);
}

function serve(input: ExamineWorkerInput): void {
  const { port, current } = input as ExamineWorkerInput & { port: MessagePort };
  let walk: Walk | undefined;
  const take = (message: ExamineSetup | ExamineFile): void => {
    if ('setup' in message) {
      // The file system as the main thread's default host sees it (cached per analysis).
      const host = cachingHost(nodeHost, listFolder);
      walk = { host, examiner: examinerFor(message), stack: [], seen: new Set(), asked: new Set(), resolve: cachedResolve(host), scopes: new Map() };
      for (const root of [...message.roots].reverse()) push(walk, root);
    } else if (walk && message.generation === walk.examiner.setup.generation) {
      // Asked for by the main thread: next, even if seen (it may have been skipped then).
      walk.seen.add(message.file);
      if (message.now) walk.asked.add(message.file);
      walk.stack.push(message.file);
    }
  };
  port.on('message', (message: ExamineSetup | ExamineFile) => {
    take(message);
    while (walk && walk.stack.length > 0 && Atomics.load(current, 0) === walk.examiner.setup.generation) {
      takeUp(walk, walk.stack.pop()!, port);
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) take(m.message as ExamineSetup | ExamineFile);
    }
  });
}

serve(workerData as ExamineWorkerInput);
