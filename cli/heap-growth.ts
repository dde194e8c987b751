// How far V8 lets the heap grow in a CLI analysis of a large project. Two settings of V8's that
// it reads each time it grows the heap (so a running process can change them, where the limits
// themselves are fixed when it starts), set once the analysis is large enough to need them:
//
// - The young generation. Node 24 and later let it grow to 64 MiB semi-spaces (128 MiB
//   committed) on a machine with a few GiB of memory, Node 20 and 22 to 16 (32 committed). It
//   grows each time as much as its capacity has survived young collections since it last grew,
//   which every analysis does (what the graph keeps to the end of the run): 96 MiB more than
//   Node 20 at the peak of a 20,000-module run, and on eslint's tree (565 files) Node 20's young
//   generation doubles from 16 to 32 MiB committed, some 25 MiB of a cold run's peak. Loading
//   the tool already takes it to 16 MiB (8 MiB semi-spaces), so from the first file analysed on
//   with 16 MiB its growth factor is set to 1, and it keeps that size to the end. Smaller, it
//   promoted more garbage than it saved (docs/benchmarks.md, the perf-17 branch).
// - The old generation. After each full collection V8 lets it grow by a factor of what survived
//   before the next (Node 26: up to 3 to 5 times, some 160 MiB for 50 MiB live on the
//   20,000-module tree). Once 64 MiB of it is in use, the factor is set to 1.5: more full
//   collections in the largest runs, a smaller peak. A project the size of eslint's (565 files)
//   never uses that much, so it is not touched.
//
// Process-wide V8 settings: the CLI, which owns its process, makes them; the library never does.
// The same progress hook sets V8's optimising thresholds back once a run is long (tier-up.ts).

import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import type { AnalyzeOptions } from '../lib/index.js';
import { restoreAfterFiles, restoreTierUp } from './tier-up.js';

const MiB = 1024 * 1024;
/** Two 8 MiB semi-spaces: what loading the tool gives on Node 20. */
const youngBytes = 16 * MiB;
/** Old generation in use from which it grows by `oldGrowingPercent` after a full collection. */
const oldBytes = 64 * MiB;
const oldGrowingPercent = 50;
/** Files analysed between two looks at the old generation (a look costs about 2 µs); the young one is looked at each file until it is bounded, since it doubles within a few files. */
const every = 32;

/**
 * `options` with an `onProgress` (theirs, if any, still called) that bounds the heap's growth
 * as above once the analysis has grown it that far. Nothing changes when it never does. `set`
 * is V8's setFlagsFromString, or what a test records the flags with.
 */
export function withHeapGrowthBounds(options: AnalyzeOptions, set: (flag: string) => void = setFlagsFromString): AnalyzeOptions {
  const setFlag = (flag: string): true => (set(flag), true);
  const shown = options.onProgress;
  let count = 0;
  let young = false;
  let old = false;
  let restored = false;
  return {
    ...options,
    onProgress(progress) {
      if (!young || (!old && ++count % every === 0)) {
        const spaces = getHeapSpaceStatistics();
        if (!young && (spaces.find((s) => s.space_name === 'new_space')?.space_size ?? 0) >= youngBytes) young = setFlag('--semi-space-growth-factor=1');
        if (!old && (spaces.find((s) => s.space_name === 'old_space')?.space_used_size ?? 0) >= oldBytes) old = setFlag(`--heap-growing-percent=${oldGrowingPercent}`);
      }
      if (!restored && progress.files >= restoreAfterFiles) restored = restoreTierUp(set);
      shown?.(progress);
    },
  };
}

