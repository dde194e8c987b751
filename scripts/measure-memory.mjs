// Measures the peak memory (max RSS) and time of one analysis of a generated project of N
// modules (scripts/generate-tree.mjs), for the figures in docs/limits.md. Each size runs in a
// fresh process, so one measurement's heap cannot inflate the next; a 1-module project gives the
// baseline of Node + the TypeScript loader + the analyser's own code.
//
//   node scripts/measure-memory.mjs                 # 1, 2000, 20000 modules
//   node scripts/measure-memory.mjs 20000 50000     # other sizes
//
// Prints one Markdown table row per size. The analysis runs from the TypeScript sources through
// tsx, as the tests do; a built dist/ would start faster but analyse the same way.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateTree } from './generate-tree.mjs';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const tsxLoader = path.join(repo, 'node_modules', 'tsx', 'dist', 'loader.mjs');

/** Runs in the child: one analysis, then the numbers as one JSON line on stdout. */
async function child(dir) {
  const { analyze } = await import(pathToFileURL(path.join(repo, 'lib', 'index.ts')).href);
  const started = performance.now();
  const report = await analyze({ cwd: dir, target: '22' });
  const ms = performance.now() - started;
  const { maxRSS } = process.resourceUsage();
  console.log(JSON.stringify({ files: report.project.files.length, grants: report.flags.length, ms, maxRssKiB: maxRSS, heapUsedMiB: process.memoryUsage().heapUsed / 2 ** 20 }));
}

function measure(modules) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'npp-measure-'));
  try {
    const generated = performance.now();
    generateTree(dir, { files: modules });
    const generateMs = performance.now() - generated;
    const r = spawnSync(process.execPath, ['--import', tsxLoader, fileURLToPath(import.meta.url), '--child', dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (r.status !== 0) throw new Error(`analysis of ${modules} modules failed:\n${r.stderr}`);
    return { modules, generateMs, ...JSON.parse(r.stdout.trim().split('\n').pop()) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  await child(process.argv[3]);
} else {
  const sizes = process.argv.slice(2).map(Number);
  console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} CPUs`);
  console.log('| modules | files analysed | flags | analysis time | peak RSS | heap used at end |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const modules of sizes.length > 0 ? sizes : [1, 2000, 20000]) {
    const m = measure(modules);
    console.log(`| ${m.modules} | ${m.files} | ${m.grants} | ${(m.ms / 1000).toFixed(1)} s | ${Math.round(m.maxRssKiB / 1024)} MiB | ${Math.round(m.heapUsedMiB)} MiB |`);
  }
}
