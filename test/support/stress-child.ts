// The stress part of the fuzz test (test/fuzz.test.ts): analyses each shape of
// test/support/stress-inputs.ts at size n and 4n, in memory, and reports over IPC how long each
// took, any exception other than a PolicyError, and the process's peak memory. A separate
// process: a crash of the runtime (V8 aborting on deep input) ends only this one, and its peak
// memory is the analysis' own.
import { analyze, PolicyError } from '../../lib/index.js';
import { memoryHost } from './memory-host.js';
import { stressShapes } from './stress-inputs.js';

export interface StressRequest {
  /** The smaller size; each shape is also analysed at four times it. */
  n: number;
  /** Only these shapes (all when absent). */
  shapes?: string[];
}

export type StressMessage =
  | { kind: 'start'; shape: string; n: number }
  | { kind: 'result'; shape: string; n: number; ms: number; bytes: number; error?: string }
  | { kind: 'done'; maxRssMiB: number };

async function analyseOnce(shape: string, n: number): Promise<{ ms: number; bytes: number; error?: string }> {
  const files = stressShapes[shape]!(n);
  const bytes = Object.values(files).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  // CPU time, not wall time: on a loaded machine (CI, other test files) the wall clock of one
  // shape counts the time other processes ran, and a ratio of two such figures failed at random.
  const started = process.cpuUsage();
  const ms = () => {
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1000;
  };
  try {
    await analyze({ cwd: '/stress', host: memoryHost('/stress', files), target: '22', unresolved: 'warn', env: {}, homedir: '/home/stress', tmpdir: '/tmp' });
  } catch (e) {
    if (!(e instanceof PolicyError)) return { ms: ms(), bytes, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  return { ms: ms(), bytes };
}

async function run(request: StressRequest): Promise<void> {
  const send = (m: StressMessage) => process.send!(m);
  for (const shape of request.shapes ?? Object.keys(stressShapes)) {
    // Once small first, so the timed runs do not include compiling the code they exercise.
    await analyseOnce(shape, Math.max(1, request.n >> 3));
    for (const n of [request.n, 4 * request.n]) {
      send({ kind: 'start', shape, n });
      send({ kind: 'result', shape, n, ...(await analyseOnce(shape, n)) });
    }
  }
  send({ kind: 'done', maxRssMiB: process.resourceUsage().maxRSS / 1024 });
}

process.once('message', (request: StressRequest) => {
  run(request).then(
    () => process.disconnect(),
    (e) => {
      process.send!({ kind: 'result', shape: '?', n: 0, ms: 0, bytes: 0, error: String(e?.stack ?? e) });
      process.disconnect();
    },
  );
});
