// Writes the report of every fixture, every corpus app and the bench tree into one folder, one
// JSON file each, so that two builds of the analysis can be compared byte for byte
// (`diff -r before/ after/`). A refactor must leave every file identical; a change of behaviour
// shows up as exactly the files it should change.
//
// Usage: tsx scripts/report-snapshot.ts --out DIR [--only fixtures|corpus|bench|self] [--lib lib|dist] [--workers N]
//   --workers N  parses in N worker threads (docs/workers.md): every report must stay identical.
//   --lib dist   loads the compiled build (run `npm run build` first); default: lib/ through tsx.
// The corpus apps are copied once into $TMPDIR/npp-snapshot (stable paths, so reports compare);
// the bench tree is the one `npm run bench` installs. A missing corpus install or bench tree is
// skipped with a line on stderr, not an error: the fixtures alone still compare.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type * as Lib from '../lib/index.js';
import type { AnalyzeOptions } from '../lib/analyze.js';
import { caseOptions, loadFixtureCase } from '../test/support/fixture-case.js';
import { listFixtureFolders, fixturesRoot, repoRoot } from '../test/support/fixture-folders.js';
import { corpusApps, installDir, completeMarker } from './corpus-cache.mjs';

const { values } = parseArgs({ options: { out: { type: 'string' }, only: { type: 'string', multiple: true }, lib: { type: 'string', default: 'lib' }, workers: { type: 'string', default: '0' } } });
const workers = Number(values.workers);
if (!values.out) throw new Error('--out DIR is required');
const out = path.resolve(values.out);
const only = new Set(values.only ?? ['fixtures', 'corpus', 'bench', 'self']);
const libUrl = pathToFileURL(path.join(repoRoot, values.lib === 'dist' ? 'dist/lib/index.js' : 'lib/index.ts')).href;
const lib = (await import(libUrl)) as typeof Lib;
fs.mkdirSync(out, { recursive: true });

/** One report (or the error the analysis threw) as stable JSON. */
async function snapshot(name: string, options: AnalyzeOptions): Promise<void> {
  let text: string;
  try {
    text = JSON.stringify(await lib.analyze(workers > 0 ? { ...options, workers } : options), null, 1);
  } catch (err) {
    text = `analysis threw: ${(err as Error).message}`;
  }
  fs.writeFileSync(path.join(out, `${name}.json`), text + '\n');
}

async function fixtures(): Promise<void> {
  for (const folder of listFixtureFolders(fixturesRoot())) {
    if (!fs.existsSync(folder.appDir)) continue;
    const fixture = loadFixtureCase(folder.dir);
    for (const target of fixture.targets) {
      await snapshot(`fixture-${folder.name}-${target}`, {
        cwd: folder.appDir,
        target,
        homedir: '/home/snapshot',
        tmpdir: '/tmp/snapshot',
        ...caseOptions(fixture, folder.appDir),
      });
    }
  }
}

async function corpus(): Promise<void> {
  const stable = path.join(os.tmpdir(), 'npp-snapshot');
  for (const app of corpusApps(path.join(repoRoot, 'corpus'))) {
    const installed = installDir(app);
    if (!fs.existsSync(path.join(installed, completeMarker))) {
      process.stderr.write(`report-snapshot: corpus/${app.name} not installed (npm run corpus installs it); skipped\n`);
      continue;
    }
    const appDir = path.join(stable, app.name);
    if (!fs.existsSync(appDir)) {
      fs.cpSync(app.dir, appDir, { recursive: true });
      fs.cpSync(path.join(installed, 'node_modules'), path.join(appDir, 'node_modules'), { recursive: true, verbatimSymlinks: true });
    }
    for (const target of ['20', '22', '24', '26']) await snapshot(`corpus-${app.name}-${target}`, { cwd: appDir, target, homedir: '/home/snapshot', tmpdir: '/tmp/snapshot' });
  }
}

async function bench(): Promise<void> {
  const dir = process.env.NPP_BENCH_CACHE ?? path.join(os.homedir(), '.cache', 'node-permission-policy', 'bench', 'eslint-9.39.5');
  if (!fs.existsSync(path.join(dir, 'node_modules', 'eslint'))) {
    process.stderr.write(`report-snapshot: no bench tree in ${dir} (npm run bench installs it); skipped\n`);
    return;
  }
  await snapshot('bench-eslint', { cwd: dir, entries: ['node_modules/eslint/bin/eslint.js'], target: '22', homedir: '/home/snapshot', tmpdir: '/tmp/snapshot' });
}

/** This repository's own TypeScript, started through tsx: the tree the evaluator works hardest on. */
async function self(): Promise<void> {
  await snapshot('self-typescript', { cwd: repoRoot, entries: ['cli/main.ts'], preload: [{ specifier: 'tsx', flag: '--import' }], target: '22', homedir: '/home/snapshot', tmpdir: '/tmp/snapshot' });
}

const steps: Record<string, () => Promise<void>> = { fixtures, corpus, bench, self };
for (const [name, step] of Object.entries(steps)) if (only.has(name)) await step();
process.stderr.write(`report-snapshot: ${fs.readdirSync(out).length} report(s) in ${out}\n`);
