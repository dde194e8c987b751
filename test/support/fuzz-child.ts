// The fuzz test's worker process (test/fuzz.test.ts starts it with the tsx loader). It analyses
// input after input from an in-memory project until told to stop, and reports over IPC before
// each input (so a hang can be attributed) and after any exception that is not a PolicyError.
// A separate process, not a thread: a hang is ended with SIGKILL, and a crash of the runtime
// (a stack overflow in native code) ends only this process.
import * as path from 'node:path';
import { analyze, PolicyError, toConfig, toNodeOptions, toShell, type Host } from '../../lib/index.js';
import { fuzzInput, loadPackageSeeds, loadSeeds } from './fuzz-inputs.js';
import { memoryHost as sharedMemoryHost } from './memory-host.js';

export interface FuzzRequest {
  seed: number;
  first: number;
  /** Stop starting new inputs after this many milliseconds. */
  durationMs: number;
  /** Stop after this many inputs (whichever comes first). */
  limit: number;
}

export type FuzzMessage =
  | { kind: 'start'; index: number }
  | { kind: 'failure'; index: number; error: string }
  | { kind: 'done'; inputs: number; parsed: number; policyErrors: number };

const root = '/fuzz/project';

/** A project served from memory (no disk, so nothing an input names can be touched), whose folders list the files matching a pattern. */
function memoryHost(files: Record<string, string>): Host {
  const host = sharedMemoryHost(root, files);
  const names = Object.keys(files).map((rel) => path.join(root, rel));
  return { ...host, glob: (patterns, dir) => names.filter((f) => path.dirname(f) === dir && patterns.some((g) => (g === '*.json' ? f.endsWith('.json') : path.basename(f) === g))) };
}

async function run(request: FuzzRequest): Promise<void> {
  const send = (m: FuzzMessage) => process.send!(m);
  const seeds = loadSeeds();
  const packages = loadPackageSeeds();
  const started = Date.now();
  let inputs = 0;
  let parsed = 0;
  let policyErrors = 0;
  for (let index = request.first; inputs < request.limit && Date.now() - started < request.durationMs; index++, inputs++) {
    send({ kind: 'start', index });
    const files = fuzzInput(request.seed, index, seeds, packages);
    const unresolved = (['warn', 'project', 'error'] as const)[index % 3]!;
    try {
      const report = await analyze({ cwd: root, host: memoryHost(files), target: String([20, 22, 24, 26][index % 4]), unresolved, env: { DATA: './data', OUT: '/tmp/out' }, homedir: '/home/fuzz', tmpdir: '/tmp' });
      if (!report.diagnostics.some((d) => d.code === 'PARSE_FAILED' && d.site?.file === 'index.js')) parsed++;
      // The renderers must take whatever the analysis produced.
      JSON.stringify(report);
      toShell(report.flags);
      toNodeOptions(report.flags);
      if (report.target.major >= 22) toConfig(report);
    } catch (e) {
      if (e instanceof PolicyError) {
        policyErrors++;
        continue;
      }
      send({ kind: 'failure', index, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  }
  send({ kind: 'done', inputs, parsed, policyErrors });
}

process.once('message', (request: FuzzRequest) => {
  run(request).then(
    () => process.disconnect(),
    (e) => {
      process.send!({ kind: 'failure', index: -1, error: String(e?.stack ?? e) });
      process.disconnect();
    },
  );
});
