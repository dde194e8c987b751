// When V8 optimises the tool's own functions. A cold analysis of a mid-sized project lasts one
// to a few seconds, and with V8's defaults its optimising compiler (TurboFan) spends more CPU on
// helper threads than the analysis thread itself does: on eslint's tree (565 files, Node 20)
// about 1.7 s of compiles beside 1.5 s of analysis, many of them for functions that soon
// deoptimise and are compiled again. On a 2-core machine, or one shared with other jobs, those
// threads take their CPU from the analysis. Asking for eight times as much use before a
// function is optimised leaves the truly hot ones (acorn's tokenizer, the scope walk, the
// evaluator) optimised a little later and skips the rest: the helper threads' CPU fell to a
// quarter and the analysis thread's stayed the same (docs/benchmarks.md, the perf-17 branch).
//
// The setting is V8's and process-wide: the CLI, which owns its process, makes it at its
// start; the library never does. V8 reads it each time it counts a function's use, so setting
// it while running is enough. Its name changed with V8 12 (Node 22): `--interrupt-budget`
// before (V8 11.3, Node 20, default 66 KiB of bytecode run), `--invocation-count-for-turbofan`
// after (default 3,000 calls), with `--invocation-count-for-maglev` for the mid-tier compiler
// Node 24 turns on (default 400). V8 prints an error for a flag it does not know, so a version
// whose flag is not one of these is left as it is.

import { setFlagsFromString } from 'node:v8';

/** How many times V8's default use a function needs before it is optimised. */
const factor = 8;

/** The flags that raise the optimising thresholds on V8 `version` (process.versions.v8), none where unknown. */
export function tierUpFlags(version: string): string[] {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major >= 12) return [`--invocation-count-for-turbofan=${3000 * factor}`, `--invocation-count-for-maglev=${400 * factor}`];
  if (major === 11 && minor <= 3) return [`--interrupt-budget=${66 * 1024 * factor}`];
  return [];
}

/** Raises the thresholds for this process (see above). */
export function optimiseHotCodeOnly(version: string = process.versions.v8): void {
  for (const flag of tierUpFlags(version)) setFlagsFromString(flag);
}
