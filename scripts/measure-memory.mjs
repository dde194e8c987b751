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
//
// Prints one Markdown table row per size. By default the analysis runs from the TypeScript
// sources through tsx, as the tests do, which adds the loader and the compiled sources to the
// baseline; --dist runs the compiled build with plain node. The child runs with --expose-gc, so
// the last column is what is still live when the report is returned (after a full collection),
// apart from the heap used before it (live and garbage not yet collected).
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

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4] === 'dist', process.argv[5] || undefined, Number(process.argv[6]) || undefined);
} else {
  const args = process.argv.slice(2);
  const dist = args.includes('--dist');
  const at = args.indexOf('--snapshot');
  const snapshotDir = at >= 0 ? path.resolve(args[at + 1]) : undefined;
  const tl = args.indexOf('--timeline');
  const every = tl >= 0 ? Number(args[tl + 1]) : undefined;
  const sizes = args.filter((a, i) => !a.startsWith('--') && (at < 0 || i !== at + 1) && (tl < 0 || i !== tl + 1)).map(Number);
  if (dist && !fs.existsSync(path.join(repo, 'dist', 'lib', 'index.js'))) throw new Error('no dist/ build: run npm run build first');
  console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} CPUs, ${dist ? 'dist/ build' : 'sources through tsx'}`);
  console.log('| modules | files analysed | flags | analysis time | peak RSS | heap used at end | live at end |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  for (const modules of sizes.length > 0 ? sizes : [1, 2000, 20000]) {
    const m = measure(modules, dist, snapshotDir, every);
    console.log(`| ${m.modules} | ${m.files} | ${m.grants} | ${(m.ms / 1000).toFixed(1)} s | ${Math.round(m.maxRssKiB / 1024)} MiB | ${Math.round(m.heapUsedMiB)} MiB | ${Math.round(m.liveMiB)} MiB |`);
  }
}
