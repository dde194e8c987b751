// --format sarif: every fixture's log is valid against the SARIF 2.1.0 schema (as shipped by
// Microsoft's SARIF SDK in @microsoft/jest-sarif), has one result per grant and per unresolved
// access with a rule for each, and points at files relative to the project root.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyze, toSarif, type Report, type SarifLog } from '../lib/index.js';
import { loadFixtureCase, resolveAppValues } from './support/fixture-case.js';
import { listFixtureFolders, repoRoot } from './support/fixture-folders.js';
import { sarifValidator } from './support/json-schema.js';
import { mkdtempSync } from './support/temp-dirs.js';
import { cliPath as cli } from './support/cli.js';

const validate = sarifValidator();
const folders = listFixtureFolders(path.join(repoRoot, 'fixtures'));

async function fixtureReport(name: string, target: string): Promise<Report> {
  const folder = folders.find((f) => f.name === name)!;
  const fixture = loadFixtureCase(folder.dir);
  return analyze({
    cwd: folder.appDir,
    target,
    ...(fixture.entries ? { entries: fixture.entries } : {}),
    ...(fixture.env ? { env: resolveAppValues(fixture.env, folder.appDir) } : {}),
    ...(fixture.read ? { read: fixture.read } : {}),
    ...(fixture.write ? { write: fixture.write } : {}),
    ...(fixture.unresolved ? { unresolved: fixture.unresolved } : {}),
  });
}

/** What a well-formed log of `report` must hold beyond the schema. */
function assertShape(report: Report, log: SarifLog): void {
  const run = log.runs[0];
  const { policy } = report;
  const booleans = [policy.childProcess, policy.worker, policy.addons, policy.wasi, policy.net, policy.inspector].filter((g) => g.granted);
  const grantResults = run.results.filter((r) => r.kind === 'informational');
  assert.equal(grantResults.length, policy.fsRead.length + policy.fsWrite.length + booleans.length, 'one result per grant');
  for (const u of report.unresolved) {
    const match = run.results.filter((r) => r.ruleId === (u.capability === 'module' ? 'IMPORT_DYNAMIC' : 'FS_PATH_UNKNOWN') && r.locations?.[0]?.physicalLocation.region?.startLine === u.site.line);
    assert.ok(match.length > 0, `no result for the unresolved access at ${u.site.file}:${u.site.line}`);
  }
  for (const r of run.results) {
    assert.equal(run.tool.driver.rules[r.ruleIndex]?.id, r.ruleId, 'ruleIndex points at the rule of ruleId');
    for (const l of [...(r.locations ?? []), ...(r.relatedLocations ?? [])]) {
      const artifact = l.physicalLocation.artifactLocation;
      assert.equal(artifact.uriBaseId, 'PROJECTROOT');
      assert.doesNotMatch(artifact.uri, /^(\/|file:)/, 'locations are relative to the project root');
    }
  }
  assert.equal(run.originalUriBaseIds.PROJECTROOT.uri, new URL(`file://${report.project.root}/`).href);
}

for (const folder of folders) {
  test(`the SARIF log of ${folder.name} is valid SARIF 2.1.0 with a result per grant and gap`, async () => {
    const report = await fixtureReport(folder.name, '26');
    const log = JSON.parse(JSON.stringify(toSarif(report))) as SarifLog;
    assert.deepEqual(validate(log), []);
    assertShape(report, log);
  });
}

test('the SARIF validator rejects what is not SARIF 2.1.0', async () => {
  const log = JSON.parse(JSON.stringify(toSarif(await fixtureReport('example-app', '22'))));
  log.version = '2.0.0';
  log.runs[0].results[0].level = 'fatal';
  const problems = validate(log).join('\n');
  assert.match(problems, /\/version must be equal to one of the allowed values/);
  assert.match(problems, /\/runs\/0\/results\/0\/level must be equal to one of the allowed values/);
});

test('grants carry every evidence site: the first as location, the rest as related locations', async () => {
  const report = await fixtureReport('example-app', '22');
  const run = toSarif(report).runs[0];
  const logs = run.results.find((r) => r.ruleId === 'fs.write')!;
  assert.equal(logs.properties?.['path'], `${report.project.root}/logs/*`);
  assert.deepEqual(logs.locations?.[0]?.physicalLocation.region, { startLine: 10, startColumn: 1 });
  assert.deepEqual(logs.relatedLocations?.map((l) => l.physicalLocation.region), [{ startLine: 13, startColumn: 3 }]);
  const entry = run.results.find((r) => r.ruleId === 'fs.read' && r.properties?.['path'] === `${report.project.root}/server.js`)!;
  assert.equal(entry.locations?.[0]?.physicalLocation.artifactLocation.uri, 'server.js', 'an entry without a call site points at its file');
  assert.equal(entry.locations?.[0]?.physicalLocation.region, undefined);
});

test('an unresolved access is a warning with its origin as a related location', async () => {
  const report = await fixtureReport('fs-unresolved-path', '22');
  const result = toSarif(report).runs[0].results.find((r) => r.ruleId === 'FS_PATH_UNKNOWN')!;
  assert.equal(result.level, 'warning');
  const u = report.unresolved[0]!;
  assert.ok(u.origin, 'the fixture has an origin');
  assert.deepEqual(result.relatedLocations?.[0]?.physicalLocation.region, { startLine: u.origin.line, startColumn: u.origin.column });
  assert.equal(result.properties?.['reason'], u.reason);
  assert.equal(toSarif(report).runs[0].results.filter((r) => r.ruleId === 'FS_PATH_UNKNOWN').length, report.unresolved.length, 'not reported twice');
});

test('--format sarif from the CLI: file URIs are escaped and the log is valid', () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'npp-sarif-')), 'my app');
  mkdirSync(path.join(dir, 'src dir'), { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{"main":"src dir/i.js"}');
  writeFileSync(path.join(dir, 'src dir', 'i.js'), "require('child_process').spawn('ls');\nrequire('fs').writeFileSync(process.env.OUT, '');\n");
  const r = spawnSync(process.execPath, [cli, '--cwd', dir, '--target', '22', '--format', 'sarif', '--unresolved', 'error'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
  });
  assert.equal(r.status, 1, 'an unresolved write under --unresolved error still exits 1');
  const log = JSON.parse(r.stdout) as SarifLog;
  assert.deepEqual(validate(log), []);
  const run = log.runs[0];
  assert.match(run.originalUriBaseIds.PROJECTROOT.uri, /\/my%20app\/$/);
  const spawn = run.results.find((r) => r.ruleId === 'child-process')!;
  assert.equal(spawn.locations?.[0]?.physicalLocation.artifactLocation.uri, 'src%20dir/i.js');
  assert.equal(run.results.find((r) => r.ruleId === 'FS_PATH_UNKNOWN')?.level, 'error');
});
