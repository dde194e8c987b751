// Measures the peak memory (max RSS) and time of one analysis of a generated project of N
// modules (scripts/generate-tree.mjs), for the figures in docs/limits.md. Each size runs in a
// fresh process, so one measurement's heap cannot inflate the next; a 1-module project gives the
// baseline of Node + the TypeScript loader + the analyser's own code.
//
//   node scripts/measure-memory.mjs                 # 1, 2000, 20000 modules
//   node scripts/measure-memory.mjs 20000 50000     # other sizes
//   node scripts/measure-memory.mjs --dist 20000    # the built dist/ (npm run build), as users run it
//   node scripts/measure-memory.mjs --snapshot DIR 2000   # also a heap snapshot after analyze returns
//   node scripts/measure-memory.mjs --dist --timeline 1000 20000   # also the heap by space every 1000 files
//   node scripts/measure-memory.mjs --cli --runs 5 20000   # what generate-flags itself peaks at, N runs
//
// Prints one Markdown table row per size. By default the analysis runs from the TypeScript
// sources through tsx, as the tests do, which adds the loader and the compiled sources to the
// baseline; --dist runs the compiled build with plain node. The child runs with --expose-gc, so
// the last column is what is still live when the report is returned (after a full collection),
// apart from the heap used before it (live and garbage not yet collected).
//
// --cli measures what a user's run peaks at instead: the built generate-flags (dist/cli/main.js)
// in a fresh process with no --expose-gc and no call inside it, as `generate-flags --target 22
// --format config` (the shell format of 20,000 modules passes the command-line limit), once with
// an empty cache folder (the first run, which analyses and stores the entry) and once more with
// the same folder (the next run, which reuses it), and once with --no-cache. Its peak RSS is read by the process itself
// when it exits (a preloaded 'exit' listener writes process.resourceUsage() to fd 3), so the
// figure is the operating system's count for that process alone. --runs N repeats the three on
// the same generated tree and prints min, median and max.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateTree } from './generate-tree.mjs';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const tsxLoader = path.join(repo, 'node_modules', 'tsx', 'dist', 'loader.mjs');

const MiB = (bytes) => Math.round(bytes / 2 ** 20);

// The timeline's rows (--timeline N) show where the memory is at that moment, without a
// collection: the peak is what is alive during the graph stage plus garbage not yet collected,
// which an end-of-run snapshot cannot show. Spaces are used/committed MiB.

/** Runs in the child: one analysis, then the numbers as one JSON line on stdout. */
async function child(dir, dist, snapshotDir, every) {
  const { analyze } = await import(pathToFileURL(dist ? path.join(repo, 'dist', 'lib', 'index.js') : path.join(repo, 'lib', 'index.ts')).href);
  const v8 = every ? await import('node:v8') : undefined;
  const rows = [];
  // Synchronous, inside the analysis: a row is taken where the files are counted.
  const row = (files) => {
    const m = process.memoryUsage();
    const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, `${MiB(s.space_used_size)}/${MiB(s.space_size)}`]));
    rows.push(`| ${files} | ${MiB(m.rss)} | ${spaces.old_space} | ${spaces.new_space} | ${spaces.large_object_space} | ${spaces.code_space} | ${MiB(m.external)} | ${MiB(m.rss - m.heapTotal)} |`);
  };
  const started = performance.now();
  const report = await analyze({ cwd: dir, target: '22', ...(every ? { onProgress: (p) => p.files % every === 0 && row(p.files) } : {}) });
  if (every) {
    row('returned');
    console.error(['| files | RSS | old space used/committed | new space | large objects | code | external | RSS outside the V8 heap |', '|---:|---:|---:|---:|---:|---:|---:|---:|', ...rows].join('\n'));
  }
  const ms = performance.now() - started;
  const { maxRSS } = process.resourceUsage();
  const heapUsedMiB = process.memoryUsage().heapUsed / 2 ** 20;
  globalThis.gc();
  const liveMiB = process.memoryUsage().heapUsed / 2 ** 20;
  if (snapshotDir) (await import('node:v8')).writeHeapSnapshot(path.join(snapshotDir, `after-analyze-${report.project.files.length}.heapsnapshot`));
  console.log(JSON.stringify({ files: report.project.files.length, grants: report.flags.length, ms, maxRssKiB: maxRSS, heapUsedMiB, liveMiB }));
}

function measure(modules, dist, snapshotDir, every) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'npp-measure-'));
  try {
    const generated = performance.now();
    generateTree(dir, { files: modules });
    const generateMs = performance.now() - generated;
    const loader = dist ? [] : ['--import', tsxLoader];
    const r = spawnSync(process.execPath, ['--expose-gc', ...loader, fileURLToPath(import.meta.url), '--child', dir, dist ? 'dist' : 'tsx', snapshotDir ?? '', String(every ?? 0)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (every) process.stdout.write(`\n${modules} modules:\n${r.stderr}\n`);
    if (r.status !== 0) throw new Error(`analysis of ${modules} modules failed:\n${r.stderr}`);
    return { modules, generateMs, ...JSON.parse(r.stdout.trim().split('\n').pop()) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}


// Preloaded into the measured CLI: its peak RSS (KiB) on fd 3 when it exits, whatever its exit code.
const exitProbe = `data:text/javascript,${encodeURIComponent("import{writeSync}from'node:fs';process.on('exit',()=>{try{writeSync(3,JSON.stringify(process.resourceUsage().maxRSS))}catch{}})")}`;

/** One generate-flags run on `dir` in a fresh process: peak RSS in KiB, wall ms and exit code. */
function cliRun(dir, cacheDir) {
  const started = performance.now();
  const noCache = cacheDir === undefined ? ['--no-cache'] : [];
  const r = spawnSync(process.execPath, ['--import', exitProbe, path.join(repo, 'dist', 'cli', 'main.js'), '--cwd', dir, '--target', '22', '--format', 'config', ...noCache], {
    env: cacheDir === undefined ? process.env : { ...process.env, NPP_CACHE: cacheDir },
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`generate-flags on ${dir} exited ${r.status}:\n${r.stderr}`);
  return { kib: Number(r.output[3]), ms };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const range = (kibs) => {
  const mib = kibs.map((k) => k / 1024);
  return `${median(mib).toFixed(1)} MiB (${Math.min(...mib).toFixed(1)}–${Math.max(...mib).toFixed(1)})`;
};

/** --cli: `runs` first and next runs of generate-flags on one generated tree of `modules`. */
function measureCli(modules, runs) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'npp-measure-'));
  try {
    generateTree(path.join(dir, 'app'), { files: modules });
    const first = [];
    const next = [];
    const none = [];
    for (let i = 0; i < runs; i++) {
      const cacheDir = path.join(dir, `cache-${i}`);
      first.push(cliRun(path.join(dir, 'app'), cacheDir));
      next.push(cliRun(path.join(dir, 'app'), cacheDir));
      none.push(cliRun(path.join(dir, 'app'), undefined));
    }
    const each = (xs) => xs.map((x) => (x.kib / 1024).toFixed(1)).join(', ');
    console.log(`| ${modules} | first (empty cache) | ${runs} | ${range(first.map((x) => x.kib))} | ${each(first)} | ${(median(first.map((x) => x.ms)) / 1000).toFixed(1)} s |`);
    console.log(`| ${modules} | next (cache kept) | ${runs} | ${range(next.map((x) => x.kib))} | ${each(next)} | ${(median(next.map((x) => x.ms)) / 1000).toFixed(1)} s |`);
    console.log(`| ${modules} | --no-cache | ${runs} | ${range(none.map((x) => x.kib))} | ${each(none)} | ${(median(none.map((x) => x.ms)) / 1000).toFixed(1)} s |`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4] === 'dist', process.argv[5] || undefined, Number(process.argv[6]) || undefined);
} else {
  const args = process.argv.slice(2);
  const dist = args.includes('--dist');
  const at = args.indexOf('--snapshot');
  const snapshotDir = at >= 0 ? path.resolve(args[at + 1]) : undefined;
  const tl = args.indexOf('--timeline');
  const every = tl >= 0 ? Number(args[tl + 1]) : undefined;
  const rn = args.indexOf('--runs');
  const runs = rn >= 0 ? Number(args[rn + 1]) : 1;
  const valued = [at, tl, rn].filter((i) => i >= 0).map((i) => i + 1);
  const sizes = args.filter((a, i) => !a.startsWith('--') && !valued.includes(i)).map(Number);
  const cli = args.includes('--cli');
  if ((dist || cli) && !fs.existsSync(path.join(repo, 'dist', 'lib', 'index.js'))) throw new Error('no dist/ build: run npm run build first');
  console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} CPUs, ${dist || cli ? 'dist/ build' : 'sources through tsx'}, load average ${os.loadavg()[0].toFixed(1)}`);
  if (cli) {
    console.log('| modules | generate-flags run | runs | peak RSS median (range) | each run | wall time (median) |');
    console.log('|---:|---|---:|---:|---|---:|');
    for (const modules of sizes.length > 0 ? sizes : [20000]) measureCli(modules, runs);
    process.exit(0);
  }
  console.log('| modules | files analysed | flags | analysis time | peak RSS | heap used at end | live at end |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  for (const modules of sizes.length > 0 ? sizes : [1, 2000, 20000]) {
    const m = measure(modules, dist, snapshotDir, every);
    console.log(`| ${m.modules} | ${m.files} | ${m.grants} | ${(m.ms / 1000).toFixed(1)} s | ${Math.round(m.maxRssKiB / 1024)} MiB | ${Math.round(m.heapUsedMiB)} MiB | ${Math.round(m.liveMiB)} MiB |`);
  }
}
