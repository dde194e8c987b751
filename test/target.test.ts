// The target Node: where it is read from and in which order, what a major, a version and a range
// stand for, the facts of releases inside a line, and what a range does to the flags: one enable
// flag for all of it or a clear refusal, and flags only part of it has left out with a finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyze, configFileArgs, toConfig, toFlags } from '../lib/index.js';
import { factsFor, type NodeVersionFacts } from '../lib/node-versions/index.js';
import { spanNames, spansOfRange } from '../lib/node-versions/range.js';
import { resolveTarget, type TargetSources } from '../lib/project/target.js';
import { mkdtempSync } from './support/temp-dirs.js';

const running = '24.21.0';

const resolutions: [TargetSources, Record<string, unknown>][] = [
  [{ option: '22' }, { version: '22.23.3', major: 22, source: 'option', from: '22' }],
  [{ option: 'v22.5.0' }, { version: '22.5.0', source: 'option' }],
  [{ option: '>=24' }, { version: '24.0.0', range: '>=24.0.0', covers: ['24', '25', '26'] }],
  [{ option: '>=20.7 <24' }, { version: '20.7.0', covers: ['20.7+', '22', '23'] }],
  [{ engines: '^22.13.0' }, { version: '22.13.0', source: 'engines', covers: ['22.13+'] }],
  [{ engines: '>=21 <23' }, { version: '22.0.0', covers: ['22'] }],
  [{ option: '24', engines: '22' }, { version: '24.21.0', source: 'option' }],
  [{ engines: '22', nvmrc: '24' }, { version: '22.23.3', source: 'engines' }],
  [{ nvmrc: 'v24.1.0\n', nodeVersion: '22' }, { version: '24.1.0', source: 'nvmrc', from: 'v24.1.0' }],
  [{ nvmrc: '# pinned for CI\n\n  26  # newest\n' }, { version: '26.10.0', source: 'nvmrc' }],
  [{ nvmrc: 'lts/jod' }, { version: '22.23.3', source: 'nvmrc' }],
  [{ nvmrc: '', nodeVersion: '22.18.0' }, { version: '22.18.0', source: 'node-version' }],
  [{}, { version: running, source: 'running' }],
  // Issue #16: the running Node, when engines.node allows it, whatever spellings the range spans.
  [{ engines: '>=20' }, { version: running, source: 'running', engines: '>=20', range: undefined }],
  [{ engines: '>=22.13.0', nvmrc: '22' }, { version: running, source: 'running', engines: '>=22.13.0' }],
  [{ engines: '>=20 <22' }, { version: '20.0.0', source: 'engines', engines: undefined }],
];

for (const [sources, expected] of resolutions) {
  test(`target from ${JSON.stringify(sources)}`, () => {
    const target = resolveTarget(sources, running);
    assert.deepEqual(Object.fromEntries(Object.keys(expected).map((k) => [k, (target as unknown as Record<string, unknown>)[k]])), expected);
  });
}

const refusals: [TargetSources, string, RegExp][] = [
  [{ option: '>=20' }, 'TARGET_RANGE_CONFLICT', /20, 22\.0–22\.12, 23\.0–23\.4 know only --experimental-permission, 24, 25, 26 refuse it/],
  [{ option: '18' }, 'TARGET_UNSUPPORTED', /Node 18 is not supported/],
  // 20.0–20.6 split --allow-fs-* values on commas and keep only the last flag (measured on 20.5.0, 20.6.0; 20.7.0 does neither).
  [{ option: '20.6.1' }, 'TARGET_UNSUPPORTED', /Node 20\.6\.1 is one of 20\.0–20\.6, where --allow-fs-read and --allow-fs-write values are split on commas/],
  [{ engines: '^20' }, 'TARGET_RANGE_CONFLICT', /'\^20' \(engines\.node\) allows releases of 20\.0–20\.6/],
  [{ option: '>=20 <24' }, 'TARGET_RANGE_CONFLICT', /allows releases of 20\.0–20\.6/],
  [{ option: '>=27' }, 'TARGET_UNSUPPORTED', /no measured Node version satisfies '>=27'/],
  [{ option: '^21' }, 'TARGET_UNSUPPORTED', /no measured Node version/],
  [{ option: 'banana' }, 'TARGET_INVALID', /target 'banana' is not a Node version or range/],
  [{ nvmrc: 'lts/*' }, 'TARGET_INVALID', /\.nvmrc says 'lts\/\*', which names no fixed Node version/],
  [{ nodeVersion: 'node' }, 'TARGET_INVALID', /\.node-version says 'node'/],
];

for (const [sources, code, message] of refusals) {
  test(`target from ${JSON.stringify(sources)} is refused with ${code}`, () => {
    assert.throws(() => resolveTarget(sources, running), (e: Error & { code?: string }) => e.code === code && message.test(e.message));
  });
}

test('an engines range that spans both spellings, the running Node outside it: narrowed to --permission, never refused', async () => {
  const target = resolveTarget({ engines: '>=20' }, '18.20.0');
  assert.equal(target.source, 'engines');
  assert.deepEqual(target.covers, ['22.13+', '23.5+', '24', '25', '26']);
  assert.deepEqual(target.narrowed, ['20', '22.0–22.12', '23.0–23.4']);
  const dir = project({ 'package.json': '{"main":"index.js","engines":{"node":">=20"}}', 'index.js': '' });
  const report = await analyze({ cwd: dir, runningVersion: '18.20.0' });
  assert.equal(report.flags[0], '--permission');
  assert.deepEqual(report.diagnostics.filter((d) => d.code === 'TARGET_RANGE_NARROWED').map((d) => d.args), [{ engines: '>=20', covers: target.covers, left: target.narrowed, running: '18.20.0' }]);
  // Inside the range, the running Node is the target and nothing is narrowed.
  const inside = await analyze({ cwd: dir, runningVersion: '20.20.2' });
  assert.deepEqual(inside.target, { version: '20.20.2', major: 20, source: 'running', from: '20.20.2', engines: '>=20' });
  assert.equal(inside.flags[0], '--experimental-permission');
});

test('a range conflict suggests a range that one spelling covers', () => {
  assert.throws(() => resolveTarget({ option: '>=20' }, running), { hint: /e\.g\. '>=22\.13\.0 <23\.0\.0 \|\| >=23\.5\.0'/ });
});

// Facts that changed inside a line (lib/node-versions/release-changes.ts), either side of the change.
const releaseFacts: [string, (f: NodeVersionFacts) => unknown, unknown][] = [
  ['22.12.0', (f) => f.acceptedEnableFlags, ['--experimental-permission']],
  ['22.13.0', (f) => f.acceptedEnableFlags, ['--permission', '--experimental-permission']],
  ['23.4.1', (f) => f.enableFlag, '--experimental-permission'],
  ['23.5.0', (f) => f.enableFlag, '--permission'],
  ['24.0.0', (f) => f.acceptedEnableFlags, ['--permission']],
  ['20.11.1', (f) => f.allowFlags.includes('--allow-addons'), false],
  ['20.12.0', (f) => f.allowFlags.includes('--allow-addons'), true],
  ['20.15.1', (f) => f.allowFlags.includes('--allow-wasi'), false],
  ['22.2.0', (f) => f.allowFlags.includes('--allow-wasi'), false],
  ['22.3.0', (f) => f.allowFlags.includes('--allow-wasi'), true],
  ['24.11.1', (f) => f.inspectorAllowable, false],
  ['24.12.0', (f) => f.inspectorAllowable, true],
  ['22.16.0', (f) => f.entryImplicitlyReadable, false],
  ['22.17.0', (f) => f.entryImplicitlyReadable, true],
  ['24.3.1', (f) => f.childProcessInheritsPermission, false],
  ['24.4.0', (f) => f.childProcessInheritsPermission, true],
  ['22.15.1', (f) => f.configFileForms, []],
  ['22.16.0', (f) => f.configFileForms, ['equals', 'space']],
  ['23.10.0', (f) => f.configFileForms, ['space']],
  ['20.20.2', (f) => f.configFile.supported, false],
  ['20.18.3', (f) => f.syntaxDetection, false],
  ['20.19.0', (f) => f.syntaxDetection, true],
  ['22.6.0', (f) => f.syntaxDetection, false],
  ['22.7.0', (f) => f.syntaxDetection, true],
  ['23.0.0', (f) => f.syntaxDetection, true],
];

for (const [version, fact, expected] of releaseFacts) {
  test(`facts of ${version}: ${fact.toString().replace(/^\(f\) => f\./, '')} is ${JSON.stringify(expected)}`, () => {
    assert.deepEqual(fact(factsFor(version)!), expected);
  });
}

test('a range is cut where a fact changes inside a line, and named by merged stretches', () => {
  const spans = spansOfRange('>=24');
  assert.deepEqual(spans.map((s) => s.label), ['24.0–24.1', '24.2–24.3', '24.4–24.11', '24.12+', '25', '26']);
  assert.deepEqual(spanNames(spans), ['24', '25', '26']);
  // Names are those of the stretches a range touches, not of the range itself.
  assert.deepEqual(spanNames(spansOfRange('>=24.5 <24.12 || 26')), ['24.4–24.11', '26']);
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'npp-target-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

const fetchApp = () => project({ 'package.json': '{"main":"index.js"}', 'index.js': "fetch('http://127.0.0.1:9/').catch(() => {});" });
const inspectorApp = () => project({ 'package.json': '{"main":"index.js"}', 'index.js': "new (require('inspector').Session)().connect();" });
const codes = (r: Awaited<ReturnType<typeof analyze>>) => r.diagnostics.filter((d) => d.code.startsWith('TARGET_FLAG') || d.code.startsWith('CAPABILITY')).map((d) => `${d.code} ${JSON.stringify(d.args)}`);

test('a flag part of a range lacks is left out, naming who lacks it and who needs it', async () => {
  const report = await analyze({ cwd: fetchApp(), target: '>=24', today: '2026-11-25' });
  assert.ok(!report.flags.includes('--allow-net'), report.flags.join(' '));
  assert.deepEqual(codes(report), [
    'CAPABILITY_NOT_GATED {"capability":"net","target":"24"}',
    'TARGET_FLAG_OMITTED {"flag":"--allow-net","capability":"net","lacking":"24","needing":"25, 26"}',
  ]);
  assert.ok((await analyze({ cwd: fetchApp(), target: '>=25' })).flags.includes('--allow-net'));
});

test('the inspector flag is left out of a range that starts before 24.12', async () => {
  const report = await analyze({ cwd: inspectorApp(), target: '>=24' });
  assert.ok(!report.flags.includes('--allow-inspector'));
  assert.deepEqual(codes(report), [
    'CAPABILITY_UNAVAILABLE {"capability":"inspector","target":"24.0–24.11"}',
    'TARGET_FLAG_OMITTED {"flag":"--allow-inspector","capability":"inspector","lacking":"24.0–24.11","needing":"24.12+, 25, 26"}',
  ]);
  assert.ok((await analyze({ cwd: inspectorApp(), target: '>=24.12' })).flags.includes('--allow-inspector'));
});

test('a range before 24 is spelled --experimental-permission and keeps the package.json grants 22 needs', async () => {
  const dir = project({ 'package.json': '{"main":"index.js"}', 'index.js': "require('dep')" });
  const dep = path.join(dir, 'node_modules', 'dep');
  mkdirSync(dep, { recursive: true });
  writeFileSync(path.join(dep, 'package.json'), '{"main":"main.js"}');
  writeFileSync(path.join(dep, 'main.js'), '');
  const report = await analyze({ cwd: dir, target: '>=20.7 <24' });
  assert.equal(report.flags[0], '--experimental-permission');
  assert.ok(report.flags.includes(`--allow-fs-read=${dep}/package.json`), report.flags.join(' '));
  assert.deepEqual(toFlags(report, '20')[0], '--experimental-permission');
});

test('.nvmrc and .node-version name the target when engines.node does not', async () => {
  const dir = project({ 'package.json': '{"main":"index.js"}', 'index.js': '', '.nvmrc': 'lts/iron\n', '.node-version': '24' });
  assert.deepEqual((await analyze({ cwd: dir })).target, { version: '20.20.2', major: 20, source: 'nvmrc', from: '20' });
  const engines = project({ 'package.json': '{"main":"index.js","engines":{"node":"26"}}', 'index.js': '', '.nvmrc': '20' });
  assert.equal((await analyze({ cwd: engines })).target.source, 'engines');
  const nodeVersion = project({ 'package.json': '{"main":"index.js"}', 'index.js': '', '.node-version': 'v22.18.0' });
  assert.deepEqual((await analyze({ cwd: nodeVersion })).target, { version: '22.18.0', major: 22, source: 'node-version', from: 'v22.18.0' });
});

test('config output for a range: the namespace all of it reads, the flag form all of it takes, or a refusal', async () => {
  const app = project({ 'package.json': '{"main":"index.js"}', 'index.js': '' });
  const mixed = await analyze({ cwd: app, target: '^22.16.0 || >=25' });
  assert.ok('nodeOptions' in toConfig(mixed), 'the permission namespace is ignored by 22, so the nodeOptions one is used');
  assert.deepEqual(configFileArgs(mixed, 'c.json'), ['--experimental-config-file=c.json']);
  assert.ok('permission' in toConfig(await analyze({ cwd: app, target: '>=25' })));
  const formsDiffer = await analyze({ cwd: app, target: '>=23.10 <25' });
  assert.throws(() => configFileArgs(formsDiffer, 'c.json'), { code: 'FORMAT_UNSUPPORTED', message: /no one form of --experimental-config-file works/ });
  const partly = await analyze({ cwd: app, target: '^22.13' });
  assert.throws(() => toConfig(partly), { code: 'FORMAT_UNSUPPORTED', message: /^Node 22\.13–22\.15 does not read/ });
});

test('"type": "module" files with import/export are granted one by one only where every release detects module syntax', async () => {
  const app = path.resolve('fixtures/esm-type-module-syntax-detected/app');
  const reads = async (target: string) => (await analyze({ cwd: app, target })).policy.fsRead.map((g) => path.relative(app, g.path));
  assert.deepEqual(await reads('20.19.0'), ['index.js', 'lib/text.js', 'lib/words.txt']);
  assert.deepEqual(await reads('>=22.7.0 <23'), ['index.js', 'lib/text.js', 'lib/words.txt']);
  // 20.18 and 22.6 run such a file as CommonJS when "type" cannot be read: the folder is granted.
  assert.deepEqual(await reads('20.18.0'), ['*']);
  assert.deepEqual(await reads('>=22.6.0 <23'), ['*']);
});

test('TARGET_OUTSIDE_ENGINES: a --target outside the project\'s engines.node is warned about; one inside it, or engines itself, is not', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'npp-engines-'));
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', main: 'index.js', engines: { node: '^22.13.0' } }));
  writeFileSync(path.join(root, 'index.js'), '');
  const outside = async (target?: string) =>
    (await analyze({ cwd: root, ...(target ? { target } : {}) })).diagnostics.filter((d) => d.code === 'TARGET_OUTSIDE_ENGINES').map((d) => d.args);
  assert.deepEqual(await outside('20'), [{ target: '20.20.2', engines: '^22.13.0' }]);
  assert.deepEqual(await outside('>=20.7 <22'), [{ target: '>=20.7 <22', engines: '^22.13.0' }]);
  assert.deepEqual(await outside('22'), []);
  assert.deepEqual(await outside('>=21 <23'), []); // overlaps
  assert.deepEqual(await outside(), []); // the target is engines.node itself
});

test('WORKER_NOT_CONFINED: a worker grant says what workers can do beyond the policy, and where they read below the working folder', async () => {
  const dir = project({ 'package.json': '{"main":"index.js"}', 'index.js': "new (require('worker_threads').Worker)('1', { eval: true });" });
  const worker = async (target: string) => (await analyze({ cwd: dir, target })).diagnostics.filter((d) => d.code === 'WORKER_NOT_CONFINED').map((d) => `${d.severity} ${JSON.stringify(d.args)} ${d.site?.line}`);
  assert.deepEqual(await worker('20'), ['warning {} 1']);
  assert.deepEqual(await worker('24'), ['warning {"readsCwd":"24"} 1']);
  assert.deepEqual(await worker('>=20.7 <23'), ['warning {"readsCwd":"22"} 1']);
  const noWorker = project({ 'package.json': '{"main":"index.js"}', 'index.js': "require('fs');" });
  assert.deepEqual((await analyze({ cwd: noWorker, target: '24' })).diagnostics.filter((d) => d.code === 'WORKER_NOT_CONFINED'), []);
});
