// Run by test/young-generation.test.ts in a Node of its own: allocates what a large analysis
// does (objects kept to the end of the run, one batch per file, and garbage beside them) and
// calls onProgress per file, with or without the CLI's young generation cap
// (cli/young-generation.ts), then prints the largest young generation seen, in MiB.
import { getHeapSpaceStatistics } from 'node:v8';
import { withYoungGenerationCap } from '../../cli/young-generation.js';
import type { AnalyzeOptions } from '../../lib/index.js';

const files = 20_000;
const options: AnalyzeOptions = process.argv[2] === 'capped' ? withYoungGenerationCap({ cwd: '.' }) : { cwd: '.' };
const young = (): number => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
const kept: unknown[] = [];
let most = 0;
for (let file = 1; file <= files; file++) {
  kept.push(Array.from({ length: 120 }, (_, i) => ({ file, i })));
  for (let j = 0; j < 20; j++) Array.from({ length: 40 }, (_, i) => ({ j, i }));
  options.onProgress?.({ files: file, found: files, file: `lib/m${file}.js`, package: '.' });
  most = Math.max(most, young());
}
process.stdout.write(JSON.stringify({ youngMiB: most / 2 ** 20, kept: kept.length }));
