// When V8 optimises the tool's own functions. A cold analysis of a mid-sized project lasts one
// to a few seconds, and with V8's defaults its optimising compiler (TurboFan) spends more CPU on
// helper threads than the analysis thread itself does: on eslint's tree (565 files, Node 20)
// about 1.7 s of compiles beside 1.5 s of analysis, many of them for functions that soon
// deoptimise and are compiled again. On a 2-core machine, or one shared with other jobs, those
// threads take their CPU from the analysis. Asking for eight times as much use before a
// function is optimised leaves the truly hot ones (acorn's tokenizer, the scope walk, the
// evaluator) optimised a little later and skips the rest: the helper threads' CPU fell to a
// quarter and the analysis thread's stayed the same (docs/benchmarks.md, the perf-17 branch).
// A long run is the other way round: the 20,000-module generated tree took 1.4 times the CPU
// with the raised thresholds to the end, so V8's own come back once `restoreAfterFiles` files
// have been analysed, where the compiles have paid for themselves.
//
// The settings are V8's and process-wide: the CLI, which owns its process, makes them at its
// start; the library never does. V8 reads them each time it counts a function's use, so setting
// them while running is enough. Their names changed with V8 12 (Node 22): `--interrupt-budget`
// before (V8 11.3, Node 20, default 66 KiB of bytecode run), `--invocation-count-for-turbofan`
// after (default 3,000 calls), with `--invocation-count-for-maglev` for the mid-tier compiler
// Node 24 turns on (default 400); V8 11.3 to 14 (Node 20 to 26) have these defaults. V8 prints
// an error for a flag it does not know, and a later V8 may change a default, so any other
// version is left as it is.

import { setFlagsFromString } from 'node:v8';

/** How many times V8's default use a function needs before it is optimised, early in a run. */
const factor = 8;
/** Files analysed after which V8's own thresholds come back (eslint's tree has 565). */
export const restoreAfterFiles = 1000;

/** The flags that set the optimising thresholds to `times` V8's default on V8 `version` (process.versions.v8), none where unknown. */
export function tierUpFlags(version: string, times: number = factor): string[] {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major >= 12 && major <= 14) return [`--invocation-count-for-turbofan=${3000 * times}`, `--invocation-count-for-maglev=${400 * times}`];
  if (major === 11 && minor === 3) return [`--interrupt-budget=${66 * 1024 * times}`];
  return [];
}

/** Raises the thresholds for this process (see above). */
export function optimiseHotCodeOnly(version: string = process.versions.v8): void {
  for (const flag of tierUpFlags(version)) setFlagsFromString(flag);
}

/** Sets V8's own thresholds back through `set`, for the rest of a long run. */
export function restoreTierUp(set: (flag: string) => void = setFlagsFromString, version: string = process.versions.v8): true {
  for (const flag of tierUpFlags(version, 1)) set(flag);
  return true;
}
