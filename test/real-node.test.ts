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
import { factsFor, type AllowFlag } from '../lib/node-versions/index.js';
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
    const facts = factsFor(`${major}.0.0`)!;
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

    test('the other spelling of the enable flag is refused where the table says it is', () => {
      const other = facts.enableFlag === '--permission' ? '--experimental-permission' : '--permission';
      const refused = run(bin, [other, '-e', '0']).status !== 0;
      assert.equal(refused, major === '20' || Number(major) >= 24);
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
