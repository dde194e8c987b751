// Run by test/heap-growth.test.ts in a Node of its own: allocates what a large analysis does
// (per file: objects kept to the end of the run, objects kept while the next few hundred files
// are analysed, which die in the old generation, and garbage) and calls
// onProgress per file, with or without the CLI's bounds (cli/heap-growth.ts), then prints the
// largest young generation seen (committed, MiB) and the number of full collections.
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';
import { withHeapGrowthBounds } from '../../cli/heap-growth.js';
import type { AnalyzeOptions } from '../../lib/index.js';

const files = 20_000;
const options: AnalyzeOptions = process.argv[2] === 'bounded' ? withHeapGrowthBounds({ cwd: '.' }) : { cwd: '.' };
const size = (name: string): number => getHeapSpaceStatistics().find((s) => s.space_name === name)?.space_size ?? 0;
const kept: unknown[] = [];
const recent: unknown[] = [];
let young = 0;
let full = 0;
const isFull = (e: PerformanceEntry): boolean => (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR;
const observer = new PerformanceObserver((list) => (full += list.getEntries().filter(isFull).length));
observer.observe({ entryTypes: ['gc'] });
for (let file = 1; file <= files; file++) {
  kept.push(Array.from({ length: 120 }, (_, i) => ({ file, i })));
  recent[file % 400] = Array.from({ length: 120 }, (_, i) => ({ file, i }));
  for (let j = 0; j < 20; j++) Array.from({ length: 40 }, (_, i) => ({ j, i }));
  options.onProgress?.({ files: file, found: files, file: `lib/m${file}.js`, package: '.' });
  young = Math.max(young, size('new_space'));
}
// The collections are reported to the observer once the loop has ended.
await new Promise((resolve) => setTimeout(resolve, 50));
observer.disconnect();
process.stdout.write(JSON.stringify({ youngMiB: young / 2 ** 20, full, kept: kept.length, recent: recent.length }));
