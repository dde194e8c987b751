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
