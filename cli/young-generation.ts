// Node 24 and later let V8's young generation grow to 64 MiB semi-spaces (128 MiB committed) on
// a machine with a few GiB of memory, where Node 20 and 22 stop at 16 (32 committed). It grows
// each time as much as its capacity has survived young collections since it last grew, which a
// large project's analysis does (what the graph keeps to the end of the run): 96 MiB more than
// Node 20 at the peak of a 20,000-module run (docs/limits.md). The limit itself is fixed when the
// process starts, but V8 reads its growth factor each time it grows the young generation, so once
// it has reached Node 20's size the CLI sets the factor to 1 and it keeps that size to the end.
// A process-wide V8 setting: the CLI, which owns its process, makes it; the library never does.

import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import type { AnalyzeOptions } from '../lib/index.js';

/** Node 20's most: 16 MiB semi-spaces, two of them. */
const capBytes = 32 * 1024 * 1024;
/** Files analysed between two looks at the young generation (a look costs about 2 µs). */
const every = 32;

/**
 * `options` with an `onProgress` (theirs, if any, still called) that holds the young generation
 * at `capBytes` once it has grown to that size. Nothing changes when it never grows that far.
 */
export function withYoungGenerationCap(options: AnalyzeOptions): AnalyzeOptions {
  const shown = options.onProgress;
  let count = 0;
  let held = false;
  return {
    ...options,
    onProgress(progress) {
      if (!held && ++count % every === 0) held = holdAtCap();
      shown?.(progress);
    },
  };
}

/** Holds the young generation at its size when it has reached `capBytes`; whether it did. */
function holdAtCap(): boolean {
  const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  if (young === undefined || young.space_size < capBytes) return false;
  setFlagsFromString('--semi-space-growth-factor=1');
  return true;
}
