// What the bench sets beside the analysis (bench/run.ts): @vercel/nft, the other tool that
// follows a Node app's code from its entries, installed into the bench cache like eslint and
// pinned for comparable runs; and the peak memory of each contender, each measured alone in a
// fresh process (one run, as a user starts it), since RSS sampled in one process mixes them.

import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';

export const NFT_VERSION = '1.11.16'; // newest @vercel/nft (`npm view @vercel/nft version`) on 2026-12-07

/** The bench cache folder: $NPP_BENCH_CACHE's parent holds the trees, else ~/.cache/node-permission-policy/bench. */
export function benchCacheRoot(): string {
  return process.env.NPP_BENCH_CACHE ? path.dirname(path.resolve(process.env.NPP_BENCH_CACHE)) : path.join(os.homedir(), '.cache', 'node-permission-policy', 'bench');
}

/** Installs @vercel/nft into the bench cache once; returns its folder. */
export function ensureNft(): string {
  const dir = path.join(benchCacheRoot(), `nft-${NFT_VERSION}`);
  const pkgFile = path.join(dir, 'node_modules', '@vercel', 'nft', 'package.json');
  const installed = fs.existsSync(pkgFile) && JSON.parse(fs.readFileSync(pkgFile, 'utf8')).version === NFT_VERSION;
  if (!installed) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'npp-bench-nft', version: '0.0.0', private: true }, null, 2) + '\n');
    process.stderr.write(`installing @vercel/nft@${NFT_VERSION} into ${dir}\n`);
    const args = ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', `@vercel/nft@${NFT_VERSION}`];
    execFileSync('npm', args, { cwd: dir, stdio: ['ignore', 2, 2] });
  }
  return dir;
}

type Trace = (files: string[], options: { base: string }) => Promise<{ fileList: Set<string> }>;

/** nft's nodeFileTrace, loaded from its install folder. */
export function loadNft(dir: string): Trace {
  return (createRequire(path.join(dir, 'package.json'))('@vercel/nft') as { nodeFileTrace: Trace }).nodeFileTrace;
}

/** What one fresh process runs once for its peak memory; `cli` is `generate-flags` with an empty cache, as a user's first run. */
export type PeakKind = 'analysis' | 'cold' | 'warm' | 'floor' | 'nft' | 'cli';

export interface PeakJob {
  kind: PeakKind;
  dir: string;
  entries: string[];
  options: Record<string, unknown>;
  dist: boolean;
  /** For `cold` and `warm`: the cache folder (empty, or filled by an earlier run). */
  cacheDir?: string;
  /** For `floor`: the files to read and parse. */
  files?: string[];
  nftDir?: string;
}

/**
 * The program of a fresh process that runs `job` once with plain Node, no loader: nft, and the
 * compiled analysis. (The TypeScript loader's transforms cost the analysis some 30 MB more than
 * nft, which it loads as plain CommonJS: not a fair comparison.) Undefined for what needs the loader.
 */
function plainProgram(job: PeakJob, libDir: string): string | undefined {
  const print = `process.stdout.write('maxrss ' + process.resourceUsage().maxRSS + '\\n');`;
  if (job.kind === 'nft') {
    const trace = `createRequire(${JSON.stringify(path.join(job.nftDir!, 'package.json'))})('@vercel/nft').nodeFileTrace`;
    const entries = JSON.stringify(job.entries.map((e) => path.resolve(job.dir, e)));
    return `import { createRequire } from 'node:module';\nawait ${trace}(${entries}, { base: ${JSON.stringify(job.dir)} });\n${print}`;
  }
  if (job.kind === 'floor' || !job.dist) return undefined;
  const options = { ...job.options, ...(job.cacheDir ? { cache: { dir: job.cacheDir } } : {}) };
  return `const { analyze } = await import(${JSON.stringify(path.join(libDir, 'index.js'))});\nawait analyze(${JSON.stringify(options)});\n${print}`;
}

/**
 * Peak RSS in MB of a fresh process that runs `job` once: plain Node where it can (plainProgram),
 * else this script with --peak under the same loader. undefined when it fails. getrusage's
 * maxrss: the whole process.
 */
export function peakRss(job: PeakJob, distLib: string): number | undefined {
  if (job.kind === 'cli') return cliPeak(job, distLib);
  const plain = plainProgram(job, distLib);
  const jobFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'npp-bench-peak-')), 'job.json');
  fs.writeFileSync(jobFile, JSON.stringify(job));
  try {
    const args = plain !== undefined ? ['--input-type=module', '-e', plain] : [...process.execArgv, process.argv[1]!, '--peak', jobFile];
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const kb = Number(/^maxrss (\d+)$/m.exec(r.stdout ?? '')?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : undefined;
  } finally {
    fs.rmSync(path.dirname(jobFile), { recursive: true, force: true });
  }
}

/**
 * The built `generate-flags` (dist/cli/main.js) run once on the job's entries, as a user runs it:
 * its default cache on, in the job's empty folder (NPP_CACHE; XDG_CACHE_HOME too, so Node's
 * compile cache of the tool starts empty as well). The CLI sets V8 flags for its own process
 * (cli/tier-up.ts, cli/heap-growth.ts) that `analyze()` in the other contenders' programs does
 * not. Its maxrss is written at exit by a preloaded listener, after the CLI's own output.
 */
function cliPeak(job: PeakJob, distLib: string): number | undefined {
  const options = job.options as { target?: string; preload?: unknown[] };
  if (!job.dist || !job.cacheDir || options.preload?.length) return undefined;
  const atExit = `data:text/javascript,process.on('exit',()=>process.stdout.write('\\nmaxrss '+process.resourceUsage().maxRSS+'\\n'))`;
  const main = path.join(path.dirname(distLib), 'cli', 'main.js');
  const args = ['--import', atExit, main, ...(options.target ? ['--target', options.target] : []), '--format', 'config', ...job.entries];
  const env = { ...process.env, NPP_CACHE: job.cacheDir, XDG_CACHE_HOME: job.cacheDir };
  const r = spawnSync(process.execPath, args, { cwd: job.dir, env, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
  const kb = Number(/^maxrss (\d+)$/m.exec(r.stdout ?? '')?.[1]);
  return Number.isFinite(kb) ? kb / 1024 : undefined;
}
