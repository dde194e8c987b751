// The version table and the text outputs, checked against the real Node binaries: every flag
// the table says a version has is accepted, every flag it says is missing is refused, and the
// config-file and NODE_OPTIONS forms of a policy really start the example app and still deny.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyze, configFileArgs, toConfig, toNodeOptions } from '../lib/index.js';
import { factsFor, newestMeasured, type AllowFlag, type ConfigFileForm, type EnableFlag } from '../lib/node-versions/index.js';
import { measuredApis } from '../lib/node-versions/generated/node-apis.js';
import { nodeBinary } from './support/node-binaries.js';
import { mkdtempSync } from './support/temp-dirs.js';

const majors = ['20', '22', '24', '26'];
const allFlags: AllowFlag[] = ['--allow-addons', '--allow-child-process', '--allow-wasi', '--allow-worker', '--allow-inspector', '--allow-net', '--allow-openssl-store', '--allow-ffi'];
const exampleApp = path.join(import.meta.dirname, '..', 'fixtures', 'example-app', 'app');

function copyOfExample(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'npp-real-'));
  cpSync(exampleApp, dir, { recursive: true });
  return dir;
}

function run(bin: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  return spawnSync(bin, args, { encoding: 'utf8', timeout: 20_000, cwd: options.cwd, env: { PATH: process.env.PATH ?? '', ...options.env } });
}

for (const major of majors) {
  describe(`Node ${major}`, { concurrency: true }, () => {
    const facts = factsFor(newestMeasured(Number(major))!)!;
    const bin = nodeBinary(major);

    test('the binary is the version the table was measured on', () => {
      assert.equal(run(bin, ['--version']).stdout.trim(), `v${facts.testedVersion}`);
    });

    test('accepts exactly the allow flags the table lists', () => {
      for (const flag of allFlags) {
        const result = run(bin, [facts.enableFlag, flag, '-e', '0']);
        const accepted = result.status === 0;
        assert.equal(accepted, facts.allowFlags.includes(flag), `${flag}: exit ${result.status} ${result.stderr.split('\n')[0]}`);
      }
    });

    test('accepts exactly the spellings of the enable flag the table lists', () => {
      for (const flag of ['--permission', '--experimental-permission'] as EnableFlag[]) {
        const result = run(bin, [flag, '-e', 'process.exitCode = process.permission ? 0 : 3']);
        assert.equal(result.status === 0, facts.acceptedEnableFlags.includes(flag), `${flag}: exit ${result.status} ${result.stderr.split('\n')[0]}`);
      }
    });

    test('NODE_OPTIONS takes exactly the allow flags the table lists', () => {
      assert.ok(facts.nodeOptionsAllowed);
      for (const flag of allFlags) {
        const result = run(bin, ['-e', '0'], { env: { NODE_OPTIONS: `${facts.enableFlag} ${flag}` } });
        assert.equal(result.status === 0, facts.allowFlags.includes(flag), `${flag}: exit ${result.status} ${result.stderr.split('\n')[0]}`);
      }
    });

    test('reads a config file in exactly the forms the table lists', () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'npp-config-form-'));
      // Not named node.config.json: a form misread as --experimental-default-config-file must not find it by luck.
      const config = path.join(dir, 'policy.json');
      writeFileSync(config, JSON.stringify({ nodeOptions: { permission: true } }));
      const forms: Record<ConfigFileForm, string[]> = { equals: [`--experimental-config-file=${config}`], space: ['--experimental-config-file', config] };
      for (const [form, words] of Object.entries(forms) as [ConfigFileForm, string[]][]) {
        const result = run(bin, [...words, '-e', 'process.exitCode = process.permission ? 0 : 3'], { cwd: dir });
        assert.equal(result.status === 0, facts.configFileForms.includes(form), `${form} form: exit ${result.status} ${result.stderr.split('\n')[0]}`);
      }
      assert.equal(facts.configFile.supported, facts.configFileForms.length > 0);
    });

    test('NODE_OPTIONS carries the policy, quoted, and the app runs under it', async () => {
      const app = copyOfExample();
      const report = await analyze({ cwd: app, target: major });
      const ok = run(bin, ['server.js'], { cwd: app, env: { NODE_OPTIONS: toNodeOptions(report.flags) } });
      assert.equal(ok.status, 0, ok.stderr);
      const denied = run(bin, ['-e', "require('fs').readFileSync('.env')"], { cwd: app, env: { NODE_OPTIONS: toNodeOptions(report.flags) } });
      assert.match(denied.stderr, /ERR_ACCESS_DENIED/);
    });

    test('a path with a space, a quote and a comma survives NODE_OPTIONS quoting', () => {
      const dir = mkdtempSync(path.join(tmpdir(), "npp odd 'q\",c-"));
      const file = path.join(dir, 'f.txt');
      writeFileSync(file, 'x');
      const value = toNodeOptions([facts.enableFlag, `--allow-fs-read=${file}`]);
      const result = run(bin, ['-e', `require('fs').readFileSync(${JSON.stringify(file)})`], { env: { NODE_OPTIONS: value } });
      assert.equal(result.status, 0, `${value}\n${result.stderr}`);
    });

    test('the config file format runs the app where the version reads one', async () => {
      const app = copyOfExample();
      const report = await analyze({ cwd: app, target: major });
      if (!facts.configFile.supported) {
        assert.throws(() => toConfig(report), { code: 'FORMAT_UNSUPPORTED' });
        return;
      }
      const config = path.join(app, 'node.config.json');
      writeFileSync(config, JSON.stringify(toConfig(report), null, 2));
      const ok = run(bin, [...configFileArgs(report, config), 'server.js'], { cwd: app });
      assert.equal(ok.status, 0, ok.stderr);
      const denied = run(bin, [...configFileArgs(report, config), '-e', "require('fs').readFileSync('.env')"], { cwd: app });
      assert.match(denied.stderr, /ERR_ACCESS_DENIED/);
    });
  });
}

// One set of flags for a range must start the app on every installed release in it (22.23.3 and
// 24.21.0 here) and still deny what the app does not need.
describe(`flags for the range '^22.13.0 || ^24'`, { concurrency: true }, () => {
  for (const major of ['22', '24']) {
    test(`run the example app on Node ${major} and still deny`, async () => {
      const app = copyOfExample();
      const report = await analyze({ cwd: app, target: '^22.13.0 || ^24' });
      assert.deepEqual(report.target.covers, ['22.13+', '24']);
      const bin = nodeBinary(major);
      const ok = run(bin, [...report.flags, 'server.js'], { cwd: app });
      assert.equal(ok.status, 0, ok.stderr);
      const denied = run(bin, [...report.flags, '-e', "require('fs').readFileSync('.env')"], { cwd: app });
      assert.match(denied.stderr, /ERR_ACCESS_DENIED/);
    });
  }
});

// What TARGET_FLAG_OMITTED says, on the binaries: the example app listens, so for '>=24' the flags
// lack --allow-net (24 refuses it); they start the app on 24, and on 26 the network is denied.
test(`flags for '>=24' without --allow-net run on 24 and are denied the network on 26`, async () => {
  const app = copyOfExample();
  const report = await analyze({ cwd: app, target: '>=24' });
  assert.ok(report.diagnostics.some((d) => d.code === 'TARGET_FLAG_OMITTED' && d.args.flag === '--allow-net'));
  assert.equal(run(nodeBinary('24'), [...report.flags, 'server.js'], { cwd: app }).status, 0);
  const on26 = run(nodeBinary('26'), [...report.flags, 'server.js'], { cwd: app });
  assert.notEqual(on26.status, 0);
  assert.match(on26.stderr, /ERR_ACCESS_DENIED[\s\S]*permission: 'Net'/);
});

test('the measured API table (built-ins, APIs denied whatever is granted, APIs absent) is what the binaries show now', () => {
  // The script measures every binary of the manifest and prints what it would write.
  const script = path.join(import.meta.dirname, '..', 'scripts', 'measure-node-apis.mjs');
  const result = spawnSync(process.execPath, [script, '--print'], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(result.status, 0, result.stderr);
  const measuredNow = JSON.parse(result.stdout) as { major: number; version: string; builtins: string[]; alwaysDenied: string[]; absent: string[] }[];
  for (const row of measuredNow) {
    const inTable = measuredApis.find((r) => r.major === row.major);
    assert.ok(inTable, `Node ${row.major} is not in lib/node-versions/generated/node-apis.ts`);
    assert.deepEqual({ builtins: row.builtins, alwaysDenied: row.alwaysDenied, absent: row.absent }, { builtins: [...inTable.builtins], alwaysDenied: [...inTable.alwaysDenied], absent: [...inTable.absent] }, `Node ${row.version}: run node scripts/measure-node-apis.mjs and review the diff`);
  }
});
