// A parse worker (./pool.ts): takes a file's text, parses it as the main thread would
// (./syntax.ts) and answers with the tree encoded (./ast-transfer.ts). It parses only: it never
// loads, runs or evaluates the code it reads. A job the main thread took back first (it needed
// the tree before this worker got to it) is skipped.

import { workerData, type MessagePort } from 'node:worker_threads';
import { TreeEncoder, type EncodedTree } from './ast-transfer.js';
import { parseSyntax, withoutBom, type ModuleKind } from './syntax.js';
import { JOB_PENDING, JOB_TAKEN, type WorkerInput } from './pool-protocol.js';

export interface ParseJob {
  id: number;
  text: string;
  preferred: ModuleKind;
  detectable: boolean;
}

/** A tree, or `ok: false` when the file does not parse (the main thread parses it again for the diagnostic). */
export type ParseAnswer = { id: number; ok: true; kind: ModuleKind; tree: EncodedTree } | { id: number; ok: false };

function answer(encoder: TreeEncoder, job: ParseJob): ParseAnswer {
  try {
    const text = withoutBom(job.text);
    const parsed = parseSyntax(text, job.preferred, job.detectable);
    if ('error' in parsed) return { id: job.id, ok: false };
    return { id: job.id, ok: true, kind: parsed.kind, tree: encoder.encode(parsed.ast, text) };
  } catch {
    // Too deep to encode, or anything unexpected: the main thread parses the file itself.
    return { id: job.id, ok: false };
  }
}

function serve(input: WorkerInput): void {
  const { port, claims, signal, index } = input as WorkerInput & { port: MessagePort };
  const encoder = new TreeEncoder();
  port.on('message', (job: ParseJob) => {
    if (Atomics.compareExchange(claims, job.id, JOB_PENDING, JOB_TAKEN) !== JOB_PENDING) return;
    const reply = answer(encoder, job);
    port.postMessage(reply, reply.ok ? [reply.tree.ints.buffer as ArrayBuffer, reply.tree.numbers.buffer as ArrayBuffer] : []);
    // After the message is queued: the main thread waits on this counter, then reads its port.
    Atomics.add(signal, index, 1);
    Atomics.notify(signal, index);
  });
}

serve(workerData as WorkerInput);
