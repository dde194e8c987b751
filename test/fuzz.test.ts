// Fuzzing the analysis: mutated and generated programs (test/support/fuzz-inputs.ts) are
// analysed one after another in a child process, which must finish each input without an
// exception other than a PolicyError (a documented refusal) and without hanging. CI runs the
// first 1,500 inputs of seed 1 (about 15 s); set NPP_FUZZ_SECONDS (and NPP_FUZZ_SEED) for a
// longer or different run:
//
//   NPP_FUZZ_SECONDS=600 NPP_FUZZ_SEED=7 npx tsx --test test/fuzz.test.ts
//
// A failing input is written to a temp folder (path in the failure message) to be reduced and
// added to test/fuzz-seeds/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { FuzzMessage, FuzzRequest } from './support/fuzz-child.js';
import type { StressMessage, StressRequest } from './support/stress-child.js';
import { fuzzInput, loadPackageSeeds, loadSeeds } from './support/fuzz-inputs.js';

const repo = path.join(import.meta.dirname, '..');
const tsxLoader = path.join(repo, 'node_modules', 'tsx', 'dist', 'loader.mjs');
const seed = Number(process.env.NPP_FUZZ_SEED ?? 1);
// CI analyses a fixed number of inputs, so every machine sees the same ones; NPP_FUZZ_SECONDS
// turns it into a run of that length (with no count limit unless NPP_FUZZ_ITERATIONS is set).
const timed = process.env.NPP_FUZZ_SECONDS !== undefined;
const seconds = Number(process.env.NPP_FUZZ_SECONDS ?? 120);
// Finite: IPC carries JSON, where Infinity would arrive as null.
const limit = Number(process.env.NPP_FUZZ_ITERATIONS ?? (timed ? Number.MAX_SAFE_INTEGER : 1500));
/** One input may take this long before it counts as a hang. */
const hangMs = Number(process.env.NPP_FUZZ_HANG_MS ?? 15_000);

interface Outcome {
  failures: { index: number; error: string }[];
  done?: Extract<FuzzMessage, { kind: 'done' }>;
}

/** Runs the child from input `first` on; stops at a hang or a crash and says where. */
function runChild(first: number, durationMs: number): Promise<Outcome & { stoppedAt?: { index: number; why: string } }> {
  return new Promise((resolve) => {
    const child = fork(path.join(repo, 'test', 'support', 'fuzz-child.ts'), [], { execArgv: ['--import', tsxLoader], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const outcome: Outcome & { stoppedAt?: { index: number; why: string } } = { failures: [] };
    let current = first - 1;
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    let timer = setTimeout(() => hang(), hangMs + 30_000);
    const hang = () => {
      outcome.stoppedAt = { index: current, why: `no answer within ${hangMs / 1000} s` };
      child.kill('SIGKILL');
    };
    child.on('message', (m: FuzzMessage) => {
      if (m.kind === 'start') {
        current = m.index;
        clearTimeout(timer);
        timer = setTimeout(hang, hangMs);
      } else if (m.kind === 'failure') outcome.failures.push({ index: m.index, error: m.error });
      else outcome.done = m;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!outcome.done && !outcome.stoppedAt) outcome.stoppedAt = { index: current, why: `the process ended (${signal ?? `exit ${code}`}): ${stderr.trim()}` };
      resolve(outcome);
    });
    const request: FuzzRequest = { seed, first, durationMs, limit };
    child.send(request);
  });
}

/** Writes the failing input's files where a person can look at them; returns the folder. */
function saveInput(index: number): string {
  const dir = path.join(tmpdir(), `npp-fuzz-failure-seed${seed}-input${index}`);
  const files = fuzzInput(seed, index, loadSeeds(), loadPackageSeeds());
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const what = timed ? `${seconds} s` : `${limit} inputs`;
test(`the analysis survives ${what} of fuzzed input (seed ${seed})`, { timeout: (seconds + 120) * 1000 }, async () => {
  const outcome = await runChild(0, seconds * 1000);
  const problems = outcome.failures.map((f) => `input ${f.index} threw (files in ${saveInput(f.index)}):\n${f.error.split('\n').slice(0, 8).join('\n')}`);
  if (outcome.stoppedAt) problems.push(`input ${outcome.stoppedAt.index}: ${outcome.stoppedAt.why} (files in ${saveInput(outcome.stoppedAt.index)})`);
  assert.deepEqual(problems, [], problems.join('\n\n'));
  assert.ok(outcome.done);
  // The run must have exercised the analysis itself, not only the parser's error path.
  assert.ok(outcome.done.inputs >= Math.min(limit, 50), `only ${outcome.done.inputs} inputs in ${seconds} s`);
  assert.ok(outcome.done.parsed >= outcome.done.inputs / 4, `only ${outcome.done.parsed} of ${outcome.done.inputs} entry files parsed`);
  console.log(`fuzz: ${outcome.done.inputs} inputs, ${outcome.done.parsed} with a parsing entry, ${outcome.done.policyErrors} refused with a PolicyError`);
});

// The stress shapes (test/support/stress-inputs.ts): deep nesting, long chains, values that grow
// faster than the text, import cycles, deep and wide manifests. Each is analysed at size n and
// 4n in a child process, which must not crash or throw, and must take time proportional to the
// size (CPU time of the child, which other processes' load does not inflate): 4n may take at
// most STRESS_RATIO times as long as n (linear is 4; quadratic, 16), with
// n's time counted as at least STRESS_FLOOR_MS so that noise on fast shapes does not fail the
// test. Peak memory stays under the bound docs/limits.md states for inputs under 1 MB.
// NPP_STRESS_N sets n; NPP_STRESS_SHAPES (names, comma-separated) runs only those shapes.
const stressN = Number(process.env.NPP_STRESS_N ?? 250);
const stressShapesOnly = process.env.NPP_STRESS_SHAPES?.split(',');
const STRESS_RATIO = 10;
const STRESS_FLOOR_MS = 40;
const STRESS_MAX_RSS_MIB = 512;

function runStress(request: StressRequest): Promise<{ results: Extract<StressMessage, { kind: 'result' }>[]; done?: Extract<StressMessage, { kind: 'done' }>; stopped?: string }> {
  return new Promise((resolve) => {
    const child = fork(path.join(repo, 'test', 'support', 'stress-child.ts'), [], { execArgv: ['--import', tsxLoader], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const outcome: Awaited<ReturnType<typeof runStress>> = { results: [] };
    let current = '';
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    let timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('message', (m: StressMessage) => {
      if (m.kind === 'start') {
        current = `${m.shape} at n=${m.n}`;
        clearTimeout(timer);
        timer = setTimeout(() => {
          outcome.stopped = `${current}: no answer within ${hangMs / 1000} s`;
          child.kill('SIGKILL');
        }, hangMs);
      } else if (m.kind === 'result') outcome.results.push(m);
      else outcome.done = m;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!outcome.done && !outcome.stopped) outcome.stopped = `${current}: the process ended (${signal ?? `exit ${code}`}): ${stderr.trim().split('\n').slice(0, 12).join('\n')}`;
      resolve(outcome);
    });
    child.send(request);
  });
}

test(`stress shapes finish without a crash, in time proportional to their size (n=${stressN} and ${4 * stressN})`, { timeout: 240_000 }, async () => {
  const outcome = await runStress({ n: stressN, ...(stressShapesOnly ? { shapes: stressShapesOnly } : {}) });
  const problems: string[] = [];
  if (outcome.stopped) problems.push(outcome.stopped);
  for (const r of outcome.results) if (r.error) problems.push(`${r.shape} at n=${r.n} threw:\n${r.error.split('\n').slice(0, 8).join('\n')}`);
  const table: string[] = [];
  for (const small of outcome.results.filter((r) => r.n === stressN)) {
    const large = outcome.results.find((r) => r.shape === small.shape && r.n === 4 * stressN);
    if (!large) continue;
    table.push(`${small.shape}: ${small.bytes} B ${small.ms.toFixed(0)} ms, ${large.bytes} B ${large.ms.toFixed(0)} ms`);
    if (large.ms > STRESS_RATIO * Math.max(small.ms, STRESS_FLOOR_MS)) problems.push(`${small.shape}: ${large.ms.toFixed(0)} ms at n=${large.n} against ${small.ms.toFixed(0)} ms at n=${small.n}: not proportional to the size`);
  }
  if (outcome.done && outcome.done.maxRssMiB > STRESS_MAX_RSS_MIB) problems.push(`peak memory ${outcome.done.maxRssMiB.toFixed(0)} MiB, over ${STRESS_MAX_RSS_MIB} MiB`);
  assert.deepEqual(problems, [], `${problems.join('\n\n')}\n\n${table.join('\n')}`);
  assert.ok(outcome.done);
  console.log(`stress: ${table.length} shapes, peak RSS ${outcome.done.maxRssMiB.toFixed(0)} MiB\n${table.join("\n")}`);
});
