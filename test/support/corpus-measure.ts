// Measures one corpus app (docs/precision.md): a temp copy of the app with its cached
// dependencies, a fake home folder, one analysis per target, then per target a run under the
// generated flags and a probe that tries to read a secret beside the app and a file in the home
// folder. Shared by test/corpus.test.ts (which asserts) and `npm run corpus` (which prints).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { booleanCapabilities } from '../../lib/capabilities.js';
import { analyze } from '../../lib/index.js';
import type { Report } from '../../lib/report.js';
import { completeMarker, installDir, type CorpusApp } from '../../scripts/corpus-cache.mjs';
import { loadCorpusCase, type CorpusCase, type CorpusCheck } from './corpus-case.js';
import { judgeGrants, type GrantJudgement } from './corpus-grants.js';
import { nodeBinary } from './node-binaries.js';
import { formatRun, minimalEnv, runNode, type NodeRun } from './run-under-policy.js';

export interface TargetMeasurement {
  target: string;
  /** Exit 0, `ok` on stdout and no ERR_ACCESS_DENIED on stderr. */
  works: boolean;
  /**
   * The report's error diagnostics (`code file:line`): any makes `generate-flags` exit 1 and
   * `exec` refuse to start the app, so one on an app that works under its flags is a false alarm.
   */
  errors: string[];
  /** Path grants (read and write). */
  grants: number;
  /** Boolean capabilities granted, e.g. `worker`. */
  capabilities: string[];
  /** The probe's outcome per file: `denied`, `allowed` or another error code. */
  secret: string;
  home: string;
  judgement: GrantJudgement;
  flags: string[];
  /** The run, for failure messages. */
  run: NodeRun;
  /**
   * The app's `engines.node` when the target lies outside it (TARGET_OUTSIDE_ENGINES): the app is
   * not meant to run there at all, so the target is measured but not counted.
   */
  outsideEngines?: string;
}

/** Whether the target counts for the app: inside its `engines.node`. */
export const applies = (m: TargetMeasurement) => m.outsideEngines === undefined;

export interface AppMeasurement {
  app: string;
  corpusCase: CorpusCase;
  targets: TargetMeasurement[];
  /** Analysis time, all targets together, in milliseconds. */
  analysisMs: number;
}

/** Whether a measurement passes one check. */
export function passes(m: TargetMeasurement, check: CorpusCheck): boolean {
  switch (check) {
    case 'works':
      return m.works;
    case 'starts':
      return m.errors.length === 0;
    case 'secret-denied':
      return m.secret === 'denied';
    case 'home-denied':
      return m.home === 'denied';
    case 'no-project-fallback':
      return m.judgement.fallback.length === 0;
    case 'no-wide-grant':
      return m.judgement.wide.length === 0;
  }
}

const setupHint = 'run `node scripts/corpus-setup.mjs` (npm test does this first)';

/** The app with its installed node_modules, a secret beside it and a fake home with a secret. */
function prepare(app: CorpusApp): { root: string; appDir: string; home: string } {
  const installed = installDir(app);
  if (!fs.existsSync(path.join(installed, completeMarker))) {
    throw new Error(`corpus/${app.name}: dependencies not installed (no ${installed}): ${setupHint}`);
  }
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `npp-corpus-${app.name}-`)));
  const appDir = path.join(root, 'app');
  const home = path.join(root, 'home');
  fs.cpSync(app.dir, appDir, { recursive: true, filter: (src) => path.basename(src) !== 'corpus.json' });
  fs.cpSync(path.join(installed, 'node_modules'), path.join(appDir, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  fs.writeFileSync(path.join(appDir, 'secret.txt'), 'app secret\n');
  fs.mkdirSync(home);
  fs.writeFileSync(path.join(home, '.secret-token'), 'home secret\n');
  return { root, appDir, home };
}

/** Reads both files and prints `SECRET <outcome>` and `HOME <outcome>`. */
function probeScript(secret: string, homeFile: string): string {
  return [
    `const fs = require("node:fs");`,
    `for (const [label, file] of [["SECRET", ${JSON.stringify(secret)}], ["HOME", ${JSON.stringify(homeFile)}]]) {`,
    `try { fs.readFileSync(file); console.log(label + " allowed"); }`,
    `catch (e) { console.log(label + " " + (e.code === "ERR_ACCESS_DENIED" ? "denied" : e.code)); } }`,
  ].join(' ');
}

function probeOutcome(stdout: string, label: string): string {
  return new RegExp(`^${label} (\\S+)$`, 'm').exec(stdout)?.[1] ?? 'no answer';
}

async function runTarget(target: string, report: Report, dirs: { appDir: string; home: string }, nodeArgs: string[]): Promise<Omit<TargetMeasurement, 'judgement'>> {
  const bin = nodeBinary(target);
  const entry = report.project.entries[0];
  if (!entry) throw new Error('the report names no entry to run');
  const env = minimalEnv({ HOME: dirs.home });
  const run = await runNode(bin, [...report.flags, ...nodeArgs, entry], { cwd: dirs.appDir, env });
  const works = run.code === 0 && /^ok$/m.test(run.stdout) && !run.stderr.includes('ERR_ACCESS_DENIED');
  const probe = await runNode(bin, [...report.flags, '-e', probeScript(path.join(dirs.appDir, 'secret.txt'), path.join(dirs.home, '.secret-token'))], {
    cwd: dirs.appDir,
    env,
  });
  const { policy } = report;
  return {
    target,
    works,
    errors: report.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.site ? `${d.site.file}:${d.site.line}` : ''}`.trim()),
    grants: policy.fsRead.length + policy.fsWrite.length,
    capabilities: booleanCapabilities.filter((c) => policy[c.policyKey].granted).map((c) => c.capability),
    secret: probeOutcome(probe.stdout, 'SECRET'),
    home: probeOutcome(probe.stdout, 'HOME'),
    flags: report.flags,
    run,
  };
}

/**
 * Analyses for every target first, on the untouched copy (an app's output folders must not exist
 * yet, as on a fresh checkout), then runs the targets one after another: they share the copy.
 * Grants are judged last, when the folders the app creates exist, so a bare grant on such a
 * folder (`mkdir` of `cache/`) counts as the folder grant it has become.
 */
export async function measureApp(app: CorpusApp, targets: string[]): Promise<AppMeasurement> {
  const corpusCase = loadCorpusCase(app.dir);
  const dirs = prepare(app);
  try {
    const started = performance.now();
    const reports: Report[] = [];
    for (const target of targets) reports.push(await analyze({ cwd: dirs.appDir, target, homedir: dirs.home }));
    const analysisMs = performance.now() - started;
    const runs: Omit<TargetMeasurement, 'judgement'>[] = [];
    for (const [i, target] of targets.entries()) runs.push(await runTarget(target, reports[i]!, dirs, corpusCase.nodeArgs));
    const measured = runs.map((run, i): TargetMeasurement => {
      const outside = reports[i]!.diagnostics.find((d) => d.code === 'TARGET_OUTSIDE_ENGINES');
      return { ...run, judgement: judgeGrants(reports[i]!, corpusCase.folders), ...(outside?.code === 'TARGET_OUTSIDE_ENGINES' ? { outsideEngines: outside.args.engines } : {}) };
    });
    return { app: app.name, corpusCase, targets: measured, analysisMs };
  } finally {
    fs.rmSync(dirs.root, { recursive: true, force: true });
  }
}

/** Everything about one target's run, for a failure message or `npm run corpus --verbose`. */
export function describeTarget(m: TargetMeasurement): string {
  return [
    `node ${m.target}: flags ${m.flags.join(' ')}`,
    `fallback: ${m.judgement.fallback.join('; ') || 'none'}; wide grants: ${m.judgement.wide.join(', ') || 'none'}`,
    `errors (exec refuses to start): ${m.errors.join(', ') || 'none'}`,
    `probe: secret ${m.secret}, home ${m.home}`,
    ...(m.outsideEngines ? [`not counted: the target is outside the app's engines.node (${m.outsideEngines})`] : []),
    formatRun(m.run),
  ].join('\n');
}
