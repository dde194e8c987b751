// The soundness harness (docs/soundness.md): one real npm package per soundness/<name>/ app, a
// tiny script that uses it the way its README does. The app is copied with its cached install
// (scripts/corpus-setup.mjs --set soundness), analysed for Node 26 with `--unresolved warn` (so
// every grant is the analysis's own), then run once in audit mode with no grants and sorted the
// way `generate-flags verify` sorts: granted statically, reported as unresolved at a site on the
// access's stack, or silent.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../lib/index.js';
import { foldersAtStart, grantsOfReport, sourceLineReader, verifyOutcome, type VerifyAccess, type VerifyCounts } from '../../lib/verify/index.js';
import { completeMarker, installDir, type CorpusApp } from '../../scripts/corpus-cache.mjs';
import { isDir, runAudited } from './audit-run.js';
import { nodeBinary } from './node-binaries.js';
import type { NodeRun } from './run-under-policy.js';

export const soundnessTarget = '26';

/** soundness/<name>/soundness.json: what the npm test checks of the app. */
export interface SoundnessCase {
  /** Run by `npm test` (a few small packages); all run with `npm run soundness`. */
  inTest: boolean;
  /** Silent accesses known and explained, by site (`file:line:column`): a cause each. */
  knownSilent: Record<string, string>;
}

export interface SoundnessMeasurement {
  app: string;
  /** The package under test and its pinned version. */
  package: string;
  version: string;
  /** The run ended with 0 and printed ok. */
  works: boolean;
  counts: VerifyCounts;
  silent: VerifyAccess[];
  reported: VerifyAccess[];
  unused: string[];
  run: NodeRun;
  analysisMs: number;
}

export function loadSoundnessCase(app: CorpusApp): SoundnessCase {
  const file = path.join(app.dir, 'soundness.json');
  const raw = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<SoundnessCase>) : {};
  return { inTest: raw.inTest === true, knownSilent: raw.knownSilent ?? {} };
}

function prepare(app: CorpusApp): { root: string; appDir: string; home: string } {
  const installed = installDir(app, process.env, 'soundness');
  if (!fs.existsSync(path.join(installed, completeMarker))) {
    throw new Error(`soundness/${app.name}: not installed (no ${installed}): run \`node scripts/corpus-setup.mjs --set soundness\``);
  }
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `npp-sound-${app.name}-`)));
  const appDir = path.join(root, 'app');
  const home = path.join(root, 'home');
  fs.cpSync(app.dir, appDir, { recursive: true, filter: (src) => path.basename(src) !== 'soundness.json' });
  fs.cpSync(path.join(installed, 'node_modules'), path.join(appDir, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  restoreNodeModules(appDir);
  fs.mkdirSync(home);
  return { root, appDir, home };
}

export async function measureSoundness(app: CorpusApp): Promise<SoundnessMeasurement> {
  const pkg = JSON.parse(fs.readFileSync(path.join(app.dir, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> };
  const [name, version] = Object.entries(pkg.dependencies)[0]!;
  const { root, appDir, home } = prepare(app);
  try {
    const entry = path.join(appDir, pkg.main);
    const started = Date.now();
    const report = await analyze({ cwd: appDir, entries: [entry], target: soundnessTarget, unresolved: 'warn', homedir: home, tmpdir: os.tmpdir() });
    const analysisMs = Date.now() - started;
    // The run's temp folder is the one the analysis was told (os.tmpdir() here, also under a TMPDIR of its own).
    const env = { PATH: process.env.PATH ?? '', HOME: home, TMPDIR: os.tmpdir() };
    const dirs = foldersAtStart(report, undefined, isDir);
    const audit = await runAudited(report, nodeBinary(soundnessTarget), [entry], { cwd: appDir, env, withGrants: false, timeoutMs: 60_000 });
    const outcome = verifyOutcome({ report, policy: grantsOfReport(report), accesses: audit.recorded, isDir: dirs, exists: fs.existsSync, lineText: sourceLineReader() });
    // Flags name the temp copy: shown as <app>, as expected.json does.
    const relative = (a: VerifyAccess): VerifyAccess => ({ ...a, flag: a.flag.replace(`=${appDir}`, '=<app>') });
    return {
      app: app.name,
      package: name,
      version,
      works: audit.run.code === 0 && audit.run.stdout.includes('ok'),
      counts: outcome.counts,
      silent: outcome.missing.filter((a) => a.status === 'silent').map(relative),
      reported: outcome.missing.filter((a) => a.status === 'reported').map(relative),
      unused: outcome.unused.map((f) => f.replace(appDir, '<app>')),
      run: audit.run,
      analysisMs,
    };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/**
 * An input that needs a node_modules folder of its own (nano-spawn's preferLocal) keeps it in git
 * as `_node_modules`, since node_modules is never tracked outside fixtures/: renamed in the copy.
 */
function restoreNodeModules(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'node_modules') continue;
    const sub = path.join(dir, entry.name);
    if (entry.name === '_node_modules') fs.renameSync(sub, path.join(dir, 'node_modules'));
    else restoreNodeModules(sub);
  }
}
