// The fixture runner (docs/fixtures.md) as node:test suites: per case, the analysis is compared
// with expected.json, then for every target the app runs under the generated flags and a probe
// checks that something the app does not need is denied. The analyser is a parameter so the
// runner itself can be exercised with a stand-in (see test/fixture-support.test.ts).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { AnalyzeOptions } from '../../lib/analyze.js';
import type { Report } from '../../lib/report.js';
import { auditMajors } from '../../lib/verify/index.js';
import { addonSources, addonsUnavailableReason, unbuiltAddons } from './addon-build.js';
import { copyApp, type AppCopy } from './app-copy.js';
import {
  describeMismatch,
  diagnosticLines,
  mergeDiagnostics,
  normaliseFlags,
  readExpected,
  writeResult,
  type ExpectedResult,
} from './expected-result.js';
import { caseOptions, loadFixtureCase, resolveAppValues, type FixtureCase } from './fixture-case.js';
import { listFixtureFolders, repoRoot, type FixtureFolder } from './fixture-folders.js';
import { nodeBinary } from './node-binaries.js';
import { expectedProbeCode, probeOutcome, probeScript, probeSkipReason } from './probe.js';
import { formatAccess, runAudited } from './audit-run.js';
import { formatRun, minimalEnv, runNode, type NodeRun as RunResult } from './run-under-policy.js';

export type Analyze = (options: AnalyzeOptions) => Promise<Report>;

export interface FixtureSuiteOptions {
  /** Folder holding one sub-folder per case. */
  root: string;
  analyze: Analyze;
  /** UPDATE_FIXTURES=1: write expected.json from the analysis instead of comparing. */
  update: boolean;
  /** Cases in flight at once. Each runs its Node processes one after another. */
  concurrency?: number;
  /** Node binary per target major; the installed ones by default. */
  nodeFor?: (major: string) => string;
}

interface TargetAnalysis {
  copy: AppCopy;
  report: Report;
}

const setupHint = 'run `node scripts/test-setup.mjs`';

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The environment of a run: run.env, and TMPDIR when the case moves the temp folder. */
function runEnv(fixture: FixtureCase, appDir: string): Record<string, string> {
  return resolveAppValues({ ...fixture.run.env, ...(fixture.tmpdir ? { TMPDIR: fixture.tmpdir } : {}) }, appDir);
}

/** What no run can get past: a missing app/package.json or a broken case.json. */
function caseProblems(folder: FixtureFolder): { fixture?: FixtureCase; problems: string[] } {
  const problems: string[] = [];
  if (!fs.existsSync(path.join(folder.appDir, 'package.json'))) problems.push(`${folder.name}: app/package.json is missing`);
  let fixture: FixtureCase | undefined;
  try {
    fixture = loadFixtureCase(folder.dir);
  } catch (err) {
    problems.push(errorText(err));
  }
  return fixture ? { fixture, problems } : { problems };
}

/** Flags and diagnostics of all targets, in the shape of expected.json. */
function resultOf(targets: string[], analyses: TargetAnalysis[]): ExpectedResult {
  return {
    flags: Object.fromEntries(targets.map((target, i) => [target, normaliseFlags(analyses[i]!.report.flags, analyses[i]!.copy.dir)])),
    diagnostics: mergeDiagnostics(analyses.map(({ report, copy }) => diagnosticLines(report, copy.dir))),
  };
}

function defineCase(folder: FixtureFolder, options: FixtureSuiteOptions): void {
  const { fixture, problems } = caseProblems(folder);
  if (!fixture || problems.length) {
    describe(folder.name, () => it('is a valid fixture', () => assert.fail(problems.join('\n'))));
    return;
  }
  const hasAddon = fs.existsSync(folder.appDir) && addonSources(folder.appDir).length > 0;
  // Without a compiler the whole case is skipped: even its analysis may depend on the built file.
  const skip = hasAddon ? addonsUnavailableReason() : null;
  const nodeFor = options.nodeFor ?? nodeBinary;
  // Repository files by their repo path (fixtures/x/expected.json), anything else in full.
  const relative = (file: string) => (file.startsWith(repoRoot) ? path.relative(repoRoot, file) : file);

  describe(folder.name, { concurrency: 1, ...(skip ? { skip } : {}) }, () => {
    // Per case, per target: a fresh copy of app/ and its analysis, made on first use.
    const analyses = new Map<string, Promise<TargetAnalysis>>();
    const copies: AppCopy[] = [];
    after(() => copies.forEach((copy) => copy.remove()));

    const analysisFor = (target: string): Promise<TargetAnalysis> => {
      let pending = analyses.get(target);
      if (!pending) {
        pending = (async () => {
          const copy = copyApp(folder.appDir, `${folder.name}-${target}`);
          copies.push(copy);
          const report = await options.analyze({
            cwd: copy.dir,
            target,
            ...caseOptions(fixture, copy.dir),
            ...(fixture.tmpdir ? { tmpdir: runEnv(fixture, copy.dir).TMPDIR } : {}),
          });
          return { copy, report };
        })();
        analyses.set(target, pending);
      }
      return pending;
    };

    /** The analysis for a run; its failure is reported in full by the expected.json test. */
    const analysedOrFail = async (target: string): Promise<TargetAnalysis> => {
      try {
        return await analysisFor(target);
      } catch (err) {
        return assert.fail(`analysis for node ${target} failed: ${errorText(err)}`);
      }
    };

    it('analysis matches expected.json', async () => {
      if (hasAddon) {
        const unbuilt = unbuiltAddons(folder.appDir);
        if (unbuilt.length) assert.fail(`addon not built (${unbuilt.map(relative).join(', ')}): ${setupHint}`);
      }
      const settled = await Promise.allSettled(fixture.targets.map(analysisFor));
      const failed = settled.flatMap((r, i) => (r.status === 'rejected' ? [{ target: fixture.targets[i], err: r.reason }] : []));
      if (failed.length) {
        const lines = failed.map(({ target, err }) => `node ${target}: ${errorText(err)}`);
        const first = failed[0]!.err;
        assert.fail(`analysis failed:\n${lines.join('\n')}\n${first instanceof Error ? (first.stack ?? '') : ''}`);
      }
      const actual = resultOf(
        fixture.targets,
        settled.map((r) => (r as PromiseFulfilledResult<TargetAnalysis>).value),
      );
      if (options.update) {
        writeResult(folder.expectedPath, actual);
        fs.rmSync(folder.actualPath, { force: true });
        return;
      }
      const expected = readExpected(folder.expectedPath);
      if (!expected) {
        writeResult(folder.actualPath, actual);
        assert.fail(
          `${relative(folder.expectedPath)} is missing; this run's result is in ${relative(folder.actualPath)}. ` +
            'Review it, then create expected.json with UPDATE_FIXTURES=1 npm test',
        );
      }
      const mismatch = describeMismatch(expected, actual);
      if (mismatch) {
        writeResult(folder.actualPath, actual);
        assert.fail(
          `analysis differs from ${relative(folder.expectedPath)} (- expected, + actual); ` +
            `full result in ${relative(folder.actualPath)}, accept it with UPDATE_FIXTURES=1 npm test\n${mismatch}`,
        );
      }
      fs.rmSync(folder.actualPath, { force: true });
    });

    for (const target of fixture.targets) {
      const skipRun = fixture.run.skip[target];
      const { probe } = fixture;
      const probeLabel = probe.kind === 'read' || probe.kind === 'write' ? `${probe.kind} ${probe.path}` : probe.kind;

      it(`node ${target}: app ${fixture.run.expect === 'denied' ? 'is denied what the report says it cannot resolve' : 'runs'}`, async (t) => {
        if (skipRun) return t.skip(skipRun);
        const bin = nodeFor(target);
        const { copy, report } = await analysedOrFail(target);
        copy.reset();
        const entry = entryOf(fixture, copy, report);
        const run = await runNode(bin, [...report.flags, entry, ...fixture.run.args], {
          cwd: copy.dir,
          env: minimalEnv(runEnv(fixture, copy.dir)),
        });
        const wrong = fixture.run.expect === 'denied' ? deniedRunProblems(run, report) : okRunProblems(run, fixture.run.stdout);
        if (wrong.length) {
          assert.fail(`${wrong.join('; ')}\nflags: ${report.flags.join(' ')}\n<app> = ${copy.dir}\n${formatRun(run)}`);
        }
      });

      if (auditMajors.includes(Number(target))) {
        it(`node ${target}: audit run finds no silent access`, async (t) => {
          if (skipRun) return t.skip(skipRun);
          const { copy, report } = await analysedOrFail(target);
        copy.reset();
          const entry = entryOf(fixture, copy, report);
          const audit = await runAudited(report, nodeFor(target), [entry, ...fixture.run.args], {
            cwd: copy.dir,
            env: minimalEnv(runEnv(fixture, copy.dir)),
          });
          const silent = audit.accesses.filter((a) => a.class === 'silent');
          if (silent.length) {
            assert.fail(
              `${silent.length} access(es) the analysis neither granted nor reported (make each a fixture):\n` +
                `${silent.map(formatAccess).join('\n')}\nflags: ${report.flags.join(' ')}\n<app> = ${copy.dir}\n${formatRun(audit.run)}`,
            );
          }
        });
      }

      it(`node ${target}: ${probeLabel} probe is denied`, async (t) => {
        if (skipRun) return t.skip(skipRun);
        const notHere = probeSkipReason(probe.kind, Number(target));
        if (notHere) return t.skip(notHere);
        const bin = nodeFor(target);
        const { copy, report } = await analysedOrFail(target);
        copy.reset();
        const run = await runNode(bin, [...report.flags, '-e', probeScript(probe, copy.dir)], {
          cwd: copy.dir,
          env: minimalEnv(runEnv(fixture, copy.dir)),
        });
        const want = expectedProbeCode(probe.kind);
        const outcome = probeOutcome(run.stdout);
        if (outcome !== want || run.code === 0) {
          const what =
            outcome === 'allowed'
              ? 'was allowed'
              : outcome
                ? `failed with ${outcome}, not ${want}`
                : 'reported nothing (crashed?)';
          assert.fail(`the ${probeLabel} probe ${what}\nflags: ${report.flags.join(' ')}\n<app> = ${copy.dir}\n${formatRun(run)}`);
        }
      });
    }
  });
}

/** The file a run starts: case.json's first entry, else the report's. */
function entryOf(fixture: FixtureCase, copy: AppCopy, report: Report): string {
  const entry = fixture.entries?.[0] ? path.resolve(copy.dir, fixture.entries[0]) : report.project.entries[0];
  return entry ?? assert.fail('nothing to run: case.json has no entries and the report names none');
}

/** Registers one suite per fixture folder under `options.root`. */
export function defineFixtureSuite(options: FixtureSuiteOptions): void {
  const folders = listFixtureFolders(options.root);
  describe('fixtures', { concurrency: options.concurrency ?? 4 }, () => {
    if (folders.length === 0) it('has cases', () => assert.fail(`no fixture folders under ${options.root}`));
    for (const folder of folders) defineCase(folder, options);
  });
}

/** What is wrong with a run that should have worked under its flags. */
function okRunProblems(run: RunResult, stdout: string): string[] {
  const wrong: string[] = [];
  if (run.code !== 0) wrong.push(run.timedOut ? 'it did not finish' : `it exited with ${run.code ?? run.signal}, not 0`);
  if (!run.stdout.includes(stdout)) wrong.push(`stdout lacks ${JSON.stringify(stdout)}`);
  if (run.stderr.includes('ERR_ACCESS_DENIED')) wrong.push('stderr reports ERR_ACCESS_DENIED');
  return wrong;
}

/**
 * What is wrong with a run of `run.expect: "denied"`: the analysis reported an access it could
 * not resolve (an unresolved access, or a diagnostic at a site such as an API the Permission
 * Model always denies), and the app must be denied it instead of
 * running — a case that runs means the fixture no longer shows what it claims.
 */
function deniedRunProblems(run: RunResult, report: Report): string[] {
  const wrong: string[] = [];
  const reported = report.unresolved.length > 0 || report.diagnostics.some((d) => d.site && d.severity !== 'info');
  if (!reported) wrong.push('the report has no unresolved access and no diagnostic at a site, so nothing explains a denial');
  if (run.timedOut) wrong.push('it did not finish');
  else if (run.code === 0) wrong.push('it exited with 0: the access the report calls unresolved was allowed');
  if (!run.stderr.includes('ERR_ACCESS_DENIED')) wrong.push('stderr does not report ERR_ACCESS_DENIED');
  return wrong;
}
