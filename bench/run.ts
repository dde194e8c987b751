// Benchmark: analyse a real installed dependency tree and compare with the parse floor.
//
// What it measures: the wall time of `analyze()` (median of --runs runs, after one warm-up run)
// on a real tree — by default ESLint 9 and its node_modules, installed once into a cache
// folder — and, in the same thread, timed the same way and in alternation with it (so load from
// other work falls on both alike), the "floor": reading the exact files
// the analysis reported (report.project.files) and parsing each with acorn (module, then script
// on failure; .json with JSON.parse; .node addons only read). The floor is the unavoidable cost
// of any tool that must look at the same code, so the ratio analysis/floor says how much the
// analysis adds on top of parsing. Target: analysis within 2x of the floor.
//
// The measuring runs in a worker thread so that a run that never ends (a blow-up in the
// analysis) is stopped after --timeout seconds and reported, with the floor of the files it had
// read by then, instead of hanging the benchmark. Peak RSS (whole process) is sampled every 10 ms.
//
// Beside the analysis without a cache, each round also times it with the persistent cache
// (lib/cache/): cold (an empty cache folder, so it analyses, records and stores) and warm (the
// folder a previous run filled, nothing changed), and @vercel/nft tracing the same entries
// (installed into the bench cache like eslint; skipped with --no-nft or without --entry). User+system
// CPU is taken beside wall time. Peak RSS of each is then measured alone, one fresh process per
// contender running it once (bench/contenders.ts).
//
// Usage: npm run bench [-- --runs N] [--json] [--timeout S] [--dir DIR --entry FILE… [--import MODULE]] [--target V] [--dist] [--no-nft] [--workers N]
// --workers N (default 1) also times the analysis with N parse workers (docs/workers.md), in the
// same rounds as the one without; 0 leaves it out. CPU is of every thread of the process; where
// Node has process.threadCpuUsage (23.9+), the analysis thread's own CPU is shown too.
// --import names a module the app is started with (`--import tsx` for a TypeScript tree run by tsx).
// For TypeScript files the floor also erases the types (amaro, as the analysis does) before parsing.
// --dist measures the compiled build (`npm run build` first), which is what users run; without
// it the library is loaded from lib/ through tsx's transform, which is slower.
// Cache: $NPP_BENCH_CACHE, else ~/.cache/node-permission-policy/bench/eslint-<version>.

import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { parse, type Options } from 'acorn';
import type * as Lib from '../lib/index.js';
import type * as LibHost from '../lib/host.js';
import type * as LibPool from '../lib/graph/examination-pool.js';
import { ensureNft, loadNft, NFT_VERSION, peakRss, type PeakJob, type PeakKind } from './contenders.js';

const ESLINT_VERSION = '9.39.5'; // newest eslint@9 (`npm view eslint@9 version`), pinned for comparable runs
interface Job { dir: string; entries: string[]; target: string; runs: number; dist: boolean; imports: string[]; nftDir?: string; workers: number }

function parseArgs(argv: string[]) {
  const o = { runs: 5, json: false, timeout: 120, dir: undefined as string | undefined, entries: [] as string[], target: '22', dist: false, imports: [] as string[], nft: true, workers: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => argv[++i] ?? (() => { throw new Error(`${a} needs a value`); })();
    if (a === '--runs') o.runs = Math.max(1, Number.parseInt(value(), 10) || 1);
    else if (a === '--timeout') o.timeout = Math.max(1, Number(value()) || 120);
    else if (a === '--json') o.json = true;
    else if (a === '--dir') o.dir = path.resolve(value());
    else if (a === '--entry') o.entries.push(value());
    else if (a === '--target') o.target = value();
    else if (a === '--dist') o.dist = true;
    else if (a === '--import') o.imports.push(value());
    else if (a === '--no-nft') o.nft = false;
    else if (a === '--workers') o.workers = Math.max(0, Number.parseInt(value(), 10) || 0);
    else throw new Error(`unknown argument ${a} (use --runs N, --json, --timeout S, --dir DIR, --entry FILE, --import MODULE, --target V, --dist, --no-nft, --workers N)`);
  }
  return o;
}

/** Installs eslint into the cache folder once; returns the folder and eslint's bin file. */
function ensureCorpus(): { dir: string; entries: string[] } {
  const dir = process.env.NPP_BENCH_CACHE
    ? path.resolve(process.env.NPP_BENCH_CACHE)
    : path.join(os.homedir(), '.cache', 'node-permission-policy', 'bench', `eslint-${ESLINT_VERSION}`);
  const pkgFile = path.join(dir, 'node_modules', 'eslint', 'package.json');
  const installed = fs.existsSync(pkgFile) && JSON.parse(fs.readFileSync(pkgFile, 'utf8')).version === ESLINT_VERSION;
  if (!installed) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'npp-bench-corpus', version: '0.0.0', private: true }, null, 2) + '\n');
    process.stderr.write(`installing eslint@${ESLINT_VERSION} into ${dir}\n`);
    const args = ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', `eslint@${ESLINT_VERSION}`];
    execFileSync('npm', args, { cwd: dir, stdio: ['ignore', 2, 2] }); // keep stdout clean for --json
  }
  const bin = JSON.parse(fs.readFileSync(pkgFile, 'utf8')).bin as string | Record<string, string>;
  return { dir, entries: [path.join('node_modules', 'eslint', typeof bin === 'string' ? bin : (bin.eslint ?? Object.values(bin)[0]!))] };
}

interface Timing { median: number; min: number; all: number[]; cpuMedian: number; threadCpuMedian: number | undefined }

/** This thread's CPU time (ms), where Node can tell it (23.9+). */
const threadCpu = (): number | undefined => {
  const usage = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage?.();
  return usage ? (usage.user + usage.system) / 1000 : undefined;
};

/**
 * Wall times of `runs` rounds (the caller does the warm-up); each round runs every function once,
 * in order, so that load from other work on the machine falls on all of them alike. Beside each
 * wall time, the process's user+system CPU time over the same call (all threads: nft reads
 * files on libuv's pool).
 */
async function timeAlternating(runs: number, fns: (() => unknown)[]): Promise<Timing[]> {
  const all = fns.map(() => [] as number[]);
  const cpu = fns.map(() => [] as number[]);
  const own = fns.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    for (const [j, fn] of fns.entries()) {
      const c0 = process.cpuUsage();
      const o0 = threadCpu();
      const t0 = performance.now();
      await fn();
      all[j]!.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu[j]!.push((c.user + c.system) / 1000);
      const o1 = threadCpu();
      if (o0 !== undefined && o1 !== undefined) own[j]!.push(o1 - o0);
    }
  }
  return all.map((times, j) => ({ median: medianOf(times), min: Math.min(...times), all: times, cpuMedian: medianOf(cpu[j]!), threadCpuMedian: own[j]!.length ? medianOf(own[j]!) : undefined }));
}

function medianOf(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

// The same options as the analysis' own parse (lib/parse/index.ts): a plain parse, node offsets
// only. (Until 2026-12-02 the floor also asked for `locations: true`, which made it about 13%
// slower than the parse the analysis does, and so flattered the ratio.)
const acornOptions = (sourceType: 'module' | 'script'): Options => ({
  ecmaVersion: 'latest', sourceType, locations: false, allowHashBang: true,
  allowReturnOutsideFunction: sourceType === 'script', allowAwaitOutsideFunction: sourceType === 'script',
});

/** The floor: read every file and parse it. Returns byte and outcome counts. */
/** Types erased (transformed where they cannot be), as any tool reading TypeScript must do first. */
function stripForFloor(text: string): string {
  const { transformSync } = createRequire(import.meta.url)('amaro') as { transformSync: (s: string, o: { mode: string }) => { code: string } };
  try {
    return transformSync(text, { mode: 'strip-only' }).code;
  } catch {
    try { return transformSync(text, { mode: 'transform' }).code; } catch { return text; }
  }
}

function floor(files: string[]) {
  const c = { bytes: 0, module: 0, script: 0, json: 0, addon: 0, failed: 0 };
  for (const file of files) {
    const buf = fs.readFileSync(file);
    c.bytes += buf.length;
    if (file.endsWith('.node')) { c.addon++; continue; }
    const text = buf.toString('utf8').replace(/^\uFEFF/, '');
    if (file.endsWith('.json')) {
      try { JSON.parse(text); c.json++; } catch { c.failed++; }
      continue;
    }
    const code = /\.[cm]?ts$/.test(file) ? stripForFloor(text) : text;
    try { parse(code, acornOptions('module')); c.module++; continue; } catch { /* fall back to script */ }
    try { parse(code, acornOptions('script')); c.script++; } catch { c.failed++; }
  }
  return c;
}

async function timedFloor(files: string[], runs: number) {
  let counts = floor(files); // warm-up
  const [t] = await timeAlternating(runs, [() => (counts = floor(files))]);
  return { counts, t: t! };
}

const analysisOptionsOf = (job: Job) => ({ cwd: job.dir, ...(job.entries.length ? { entries: job.entries } : {}), ...(job.imports.length ? { preload: job.imports.map((specifier) => ({ specifier, flag: '--import' as const })) } : {}), target: job.target });

/**
 * Worker side: warm-up run (reporting each file read), then timed rounds of: the analysis, the
 * analysis with an empty cache (cold), with the cache a run filled (warm), the floor, and nft.
 */
async function measure(job: Job) {
  const post = (m: unknown) => parentPort!.postMessage(m);
  const lib = job.dist ? '../dist/lib/' : '../lib/';
  const { analyze } = (await import(lib + 'index.js')) as typeof Lib;
  const { nodeHost } = (await import(lib + 'host.js')) as typeof LibHost;
  const { ExaminationPool } = (await import(lib + 'graph/examination-pool.js')) as typeof LibPool;
  // One pool for every round, started before the first analysis: as the CLI starts it on its first line, its workers are ready when an analysis starts.
  const pool = job.workers > 0 ? ExaminationPool.start({ size: job.workers }) : undefined;
  const options = analysisOptionsOf(job);
  const readFile: LibHost.Host['readFile'] = (p, ...rest) => (post({ read: p }), nodeHost.readFile(p, ...rest));
  const host = { ...nodeHost, readFile };
  const report = await analyze({ ...options, host });
  const files = report.project.files.map((f) => path.resolve(report.project.root, f));
  post({ warm: files.length });
  const caches = fs.mkdtempSync(path.join(os.tmpdir(), 'npp-bench-cache-'));
  try {
    let cold = 0;
    const warmCache = { dir: path.join(caches, 'warm') };
    await analyze({ ...options, cache: warmCache });
    const reused = (await analyze({ ...options, cache: warmCache })).cache?.files ?? 0;
    const trace = job.nftDir ? loadNft(job.nftDir) : undefined;
    const traceEntries = job.entries.map((e) => path.resolve(job.dir, e));
    const nftFiles = trace ? (await trace(traceEntries, { base: job.dir })).fileList.size : undefined; // warm-up
    let counts = floor(files); // warm-up
    if (pool) await analyze({ ...options, workers: pool }); // warm-up
    const fromWorkers: number[] = [];
    const [analysis, pooledT, coldT, warmT, floorTime, nftT] = await timeAlternating(job.runs, [
      () => analyze(options),
      pool ? () => analyze({ ...options, workers: pool }).then(() => void fromWorkers.push(pool.counts.fromWorkers - pool.counts.disagreed)) : () => undefined,
      () => analyze({ ...options, cache: { dir: path.join(caches, `cold-${cold++}`) } }),
      () => analyze({ ...options, cache: warmCache }),
      () => (counts = floor(files)),
      ...(trace ? [() => trace(traceEntries, { base: job.dir })] : []),
    ]);
    pool?.close();
    post({ done: { files, analysis, pooled: pool ? { ...pooledT, fromWorkers } : undefined, cold: coldT, warm: warmT, reused, nft: nftT, nftFiles, floor: { counts, t: floorTime }, diagnostics: report.diagnostics.length } });
  } finally {
    fs.rmSync(caches, { recursive: true, force: true });
  }
}

/** `--peak JOB`: run one contender once in this fresh process and print its peak RSS (KB). */
async function runPeak(jobFile: string) {
  const job = JSON.parse(fs.readFileSync(jobFile, 'utf8')) as PeakJob;
  if (job.kind === 'floor') floor(job.files!);
  else if (job.kind === 'nft') await loadNft(job.nftDir!)(job.entries.map((e) => path.resolve(job.dir, e)), { base: job.dir });
  else {
    const { analyze } = (await import((job.dist ? '../dist/lib/' : '../lib/') + 'index.js')) as typeof Lib;
    await analyze({ ...(job.options as unknown as Lib.AnalyzeOptions), ...(job.cacheDir ? { cache: { dir: job.cacheDir } } : {}) });
  }
  process.stdout.write(`maxrss ${process.resourceUsage().maxRSS}\n`);
}

/** Peak RSS (MB) of each contender, each alone in a fresh process; the warm one after a run filled its cache. */
function peaks(job: Job, files: string[]): Partial<Record<PeakKind, number>> {
  const caches = fs.mkdtempSync(path.join(os.tmpdir(), 'npp-bench-peak-cache-'));
  try {
    const base = { dir: job.dir, entries: job.entries, options: analysisOptionsOf(job), dist: job.dist, ...(job.nftDir ? { nftDir: job.nftDir } : {}) };
    const out: Partial<Record<PeakKind, number>> = {};
    const kinds: PeakKind[] = ['analysis', 'cold', 'warm', 'floor', ...(job.nftDir && job.entries.length ? ['nft' as const] : []), 'cli'];
    for (const kind of kinds) {
      const extra = kind === 'cold' || kind === 'warm' ? { cacheDir: path.join(caches, 'cold') } : kind === 'cli' ? { cacheDir: path.join(caches, 'cli') } : kind === 'floor' ? { files } : {};
      out[kind] = peakRss({ ...base, kind, ...extra }, path.join(import.meta.dirname, '..', 'dist', 'lib'));
    }
    return out;
  } finally {
    fs.rmSync(caches, { recursive: true, force: true });
  }
}

const fmt = (t: { medianMs: number; cpuMedianMs: number } | null | undefined) => (t ? `${t.medianMs.toFixed(1)} ms (CPU ${t.cpuMedianMs.toFixed(0)} ms)` : '-');

/** The rows of the cache and nft comparison, and each contender's peak memory alone. */
function cacheRows(r: any): [string, string][] {
  if (!r.cold) return [];
  const mb = (k: PeakKind) => (r.peakRssAloneMB[k] === undefined ? '-' : `${r.peakRssAloneMB[k].toFixed(0)}`);
  return [
    ['workers', `${r.workers} (the analysis above)`],
    ['analysis CPU (median)', `${r.analysisCpuMedianMs.toFixed(0)} ms, all threads${r.analysisThreadCpuMedianMs === null ? '' : `; its own thread ${r.analysisThreadCpuMedianMs.toFixed(0)} ms`} (floor ${r.floorCpuMedianMs.toFixed(0)} ms)`],
    ...(r.pooled ? [[`with ${r.pooled.workers} examination worker${r.pooled.workers === 1 ? '' : 's'} (median)`, `${fmt(r.pooled)}${r.pooled.threadCpuMedianMs === undefined ? '' : `, its own thread ${r.pooled.threadCpuMedianMs.toFixed(0)} ms`}: ${r.pooledOverFloor.toFixed(2)}x the floor (target <= 1.3x: ${r.pooledOverFloor <= 1.3 ? 'met' : 'NOT met'}), ${r.pooledOverAnalysisPerRound.toFixed(2)}x the analysis without, per round; files from the workers ${r.pooled.fromWorkersMedian} of ${r.files}`] as [string, string]] : []),
    ['cold, cache (median)', `${fmt(r.cold)}: ${r.coldOverFloor.toFixed(2)}x the floor`],
    ['warm, cache (median)', `${fmt(r.warm)}: ${(r.warmOverCold * 100).toFixed(1)}% of cold (${r.warmFilesReused} files reused; target <= 10%: ${r.warmOverCold <= 0.1 ? 'met' : 'NOT met'})`],
    [`@vercel/nft ${NFT_VERSION}`, r.nft ? `${fmt(r.nft)}, ${r.nft.files} files: cold is ${r.coldOverNft.toFixed(2)}x nft` : 'not run'],
    ['peak RSS alone (MB)', `analysis ${mb('analysis')}, cold ${mb('cold')}, warm ${mb('warm')}, floor ${mb('floor')}, nft ${mb('nft')}; generate-flags cold ${mb('cli')}`],
  ];
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const load0 = os.loadavg()[0];
  const corpus = o.dir ? { dir: o.dir, entries: o.entries } : ensureCorpus();
  // nft traces from entries; without --entry there is nothing to hand it.
  const nftDir = o.nft && corpus.entries.length > 0 ? ensureNft() : undefined;
  const job: Job = { ...corpus, target: o.target, runs: o.runs, dist: o.dist, imports: o.imports, ...(nftDir ? { nftDir } : {}), workers: o.workers };
  let peak = 0;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  setInterval(sample, 10).unref();
  const code = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(code, { eval: true, workerData: job });
  const read = new Set<string>();
  const done = await new Promise<any>((resolve, reject) => {
    let timer: NodeJS.Timeout;
    const arm = () => { clearTimeout(timer); timer = setTimeout(() => resolve(undefined), o.timeout * 1000); };
    arm();
    worker.on('message', (m) => { arm(); if (m.read) read.add(m.read); if (m.done) { clearTimeout(timer); resolve(m.done); } });
    worker.on('error', (e) => { clearTimeout(timer); reject(e); });
    worker.on('exit', (c) => { clearTimeout(timer); reject(new Error(`measuring worker exited with code ${c}`)); }); // no-op once settled
  }).finally(() => void worker.terminate());
  // On a stall: the floor of the source files the analysis had read (resolution reads left out).
  const inTree = (f: string) => f.startsWith(job.dir + path.sep) && /\.(c|m)?js$|\.node$|(?<!package)\.json$/.test(f);
  const files: string[] = done?.files ?? [...read].filter(inTree);
  const fl = done?.floor ?? (await timedFloor(files, o.runs));
  sample();
  const ms = (t: Timing | undefined) => (t ? { medianMs: t.median, minMs: t.min, runsMs: t.all, cpuMedianMs: t.cpuMedian, ...(t.threadCpuMedian !== undefined ? { threadCpuMedianMs: t.threadCpuMedian } : {}) } : null);
  const alone = done ? peaks(job, files) : {};
  const r = {
    corpus: job.dir, entries: job.entries, target: job.target, runs: o.runs, lib: o.dist ? 'dist (compiled)' : 'lib (tsx)', node: process.version, cpus: os.availableParallelism(),
    loadAverage: [load0, os.loadavg()[0]], // 1-minute load before and after: other work on the machine skews wall times
    finished: Boolean(done), timeoutS: o.timeout, lastFileRead: done ? undefined : [...read].at(-1),
    files: files.length, bytes: fl.counts.bytes, parsed: fl.counts,
    analysisMedianMs: done ? done.analysis.median : null, analysisMinMs: done ? done.analysis.min : null, analysisRunsMs: done?.analysis.all ?? [],
    filesPerSecond: done ? files.length / (done.analysis.median / 1000) : null,
    floorMedianMs: fl.t.median, floorMinMs: fl.t.min, floorRunsMs: fl.t.all,
    ratio: done ? done.analysis.median / fl.t.median : null,
    // Each round times one analysis and then one floor: their ratio, round by round, cancels a
    // machine that speeds up or slows down between rounds (wall times here moved by a third).
    ratioPerRoundMedian: done ? medianOf(done.analysis.all.map((a: number, i: number) => a / fl.t.all[i]!)) : null,
    ratioAtLeast: done ? undefined : (o.timeout * 1000) / fl.t.median,
    peakRssMB: peak / 2 ** 20, diagnostics: done?.diagnostics,
    workers: 0, // the analysis above parses on its own thread; `pooled` is the same analysis with job.workers parse workers
    analysisCpuMedianMs: done ? done.analysis.cpuMedian : null, analysisThreadCpuMedianMs: done?.analysis.threadCpuMedian ?? null, floorCpuMedianMs: fl.t.cpuMedian,
    pooled: done?.pooled ? { workers: job.workers, ...ms(done.pooled), fromWorkersMedian: medianOf(done.pooled.fromWorkers) } : null,
    pooledOverFloor: done?.pooled ? done.pooled.median / fl.t.median : null,
    // Paired round by round with the analysis without workers, as the floor ratio is.
    pooledOverAnalysisPerRound: done?.pooled ? medianOf(done.pooled.all.map((p: number, i: number) => p / done.analysis.all[i]!)) : null,
    cold: ms(done?.cold), warm: ms(done?.warm), warmFilesReused: done?.reused ?? null,
    nft: done?.nft ? { version: NFT_VERSION, files: done.nftFiles, ...ms(done.nft) } : null,
    coldOverFloor: done ? done.cold.median / fl.t.median : null,
    warmOverCold: done ? done.warm.median / done.cold.median : null,
    coldOverNft: done?.nft ? done.cold.median / done.nft.median : null,
    // Each alone in a fresh process, run once (whole process; plain Node for nft and, with --dist, the analysis; the floor under tsx).
    peakRssAloneMB: alone,
  };
  process.exitCode = done ? 0 : 2;
  if (o.json) return void process.stdout.write(JSON.stringify(r, null, 2) + '\n');
  const rows: [string, string][] = [
    ['corpus', `${r.corpus} (${r.entries.join(', ') || 'default entries'}, target ${r.target})`],
    ['node / cpus / runs', `${r.node} / ${r.cpus} / ${r.runs} (+1 warm-up)`],
    ['library', r.lib],
    ['load average (1 min)', `${r.loadAverage.map((l) => l.toFixed(2)).join(' -> ')}${Math.max(...r.loadAverage) > r.cpus ? ' (busy machine: times are inflated)' : ''}`],
    [done ? 'files' : 'files read before the stall', String(r.files)],
    ['bytes', `${r.bytes} (${(r.bytes / 2 ** 20).toFixed(2)} MiB)`],
    ['analysis median', done ? `${r.analysisMedianMs!.toFixed(1)} ms (min ${r.analysisMinMs!.toFixed(1)})` : `DID NOT FINISH: no progress for ${o.timeout} s (last file read: ${r.lastFileRead})`],
    ['files/s', done ? r.filesPerSecond!.toFixed(0) : '-'],
    ['floor median (read+parse)', `${r.floorMedianMs.toFixed(1)} ms (min ${r.floorMinMs.toFixed(1)})`],
    ['ratio analysis/floor', done ? `${r.ratio!.toFixed(2)}x (target <= 2x: ${r.ratio! <= 2 ? 'met' : 'NOT met'})` : `> ${r.ratioAtLeast!.toFixed(0)}x (target <= 2x: NOT met)`],
    ['ratio per round (median)', done ? `${r.ratioPerRoundMedian!.toFixed(2)}x` : '-'],
    ['peak RSS (sampled)', `${r.peakRssMB.toFixed(0)} MB`],
    ...cacheRows(r),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}

if (isMainThread && process.argv[2] === '--peak') runPeak(process.argv[3]!).catch((e: unknown) => { console.error(e); process.exitCode = 1; });
else if (isMainThread) main().catch((e: unknown) => { console.error(e instanceof Error ? e.message : e); process.exitCode = 1; });
else void measure(workerData as Job); // a rejection surfaces as the worker's 'error' event
