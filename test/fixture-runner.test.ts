// Tests of the fixture runner's own parts (test/support/), so a broken runner is told apart from
// a broken analyser. The probe checks run the real installed binaries: a probe that failed for a
// reason other than the permission check would make every fixture's probe pass for nothing.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { describeMismatch, mergeDiagnostics, normaliseFlags } from './support/expected-result.js';
import { parseFixtureCase, probeKinds, resolveAppValues, type ProbeKind } from './support/fixture-case.js';
import { nodeBinary } from './support/node-binaries.js';
import { expectedProbeCode, probeOutcome, probeScript, probeSkipReason } from './support/probe.js';
import { minimalEnv, runNode } from './support/run-under-policy.js';

describe('case.json', () => {
  it('fills in the documented defaults', () => {
    assert.deepEqual(parseFixtureCase({}), {
      description: '',
      targets: ['20', '22', '24', '26'],
      run: { args: [], env: {}, stdout: 'ok', skip: {}, expect: 'ok' },
      probe: { kind: 'read', path: 'secret.txt' },
    });
  });

  it('reports every problem at once, unknown keys included', () => {
    assert.throws(
      () => parseFixtureCase({ entry: 'a.js', targets: ['v22'], probe: { kind: 'disk' }, run: { skip: { '18': 'x' } } }),
      (err: Error) =>
        ['unknown key "entry"', '"v22" is not a Node major', 'probe.kind', '"18" is not one of the targets'].every((part) =>
          err.message.includes(part),
        ),
    );
  });

  it('keeps the temp folder a case moves, and rejects one that is not a string', () => {
    assert.equal(parseFixtureCase({ tmpdir: './tmp' }).tmpdir, './tmp');
    assert.throws(() => parseFixtureCase({ tmpdir: 1 }), /tmpdir: expected a string/);
  });

  it('makes only ./ values absolute against the copy', () => {
    assert.deepEqual(resolveAppValues({ A: './data/x.txt', B: 'data', C: '/etc/hosts' }, '/tmp/c/app'), {
      A: '/tmp/c/app/data/x.txt',
      B: 'data',
      C: '/etc/hosts',
    });
  });
});

describe('expected.json', () => {
  it('writes the analysed copy as <app>', () => {
    assert.deepEqual(normaliseFlags(['--permission', '--allow-fs-read=/tmp/x/app/a.js', '--allow-fs-read=/tmp'], '/tmp/x/app'), [
      '--permission',
      '--allow-fs-read=<app>/a.js',
      '--allow-fs-read=/tmp',
    ]);
  });

  it('merges per-target diagnostics without losing repeats', () => {
    assert.deepEqual(mergeDiagnostics([['B a.js:1', 'A a.js:2', 'A a.js:2'], ['A a.js:2', 'C a.js:3']]), [
      'A a.js:2',
      'A a.js:2',
      'B a.js:1',
      'C a.js:3',
    ]);
  });

  it('explains missing, extra and reordered entries', () => {
    const expected = { flags: { '22': ['--permission', '--allow-fs-read=<app>'], '24': ['a', 'b'] }, diagnostics: ['X a.js:1'] };
    const actual = { flags: { '22': ['--permission', '--allow-fs-read=<app>/a.js'], '24': ['b', 'a'] }, diagnostics: ['X a.js:1'] };
    const text = describeMismatch(expected, actual) ?? '';
    assert.match(text, /flags for node 22:\n {2}- --allow-fs-read=<app>\n {2}\+ --allow-fs-read=<app>\/a\.js/);
    assert.match(text, /flags for node 24:\n {2}same entries, different order/);
    assert.doesNotMatch(text, /diagnostics/);
    assert.equal(describeMismatch(expected, structuredClone(expected)), null);
  });
});

describe('probes on the real binaries', { concurrency: 4 }, () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'npp-probe-')));
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'secret');
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const enable = (major: string) => (major === '20' ? '--experimental-permission' : '--permission');
  const grantAll = (major: string) => [
    enable(major),
    '--allow-fs-read=*',
    '--allow-fs-write=*',
    '--allow-child-process',
    '--allow-worker',
    '--allow-addons',
    ...(Number(major) >= 25 ? ['--allow-net'] : []),
  ];
  const outcome = async (major: string, kind: ProbeKind, flags: string[]) => {
    const run = await runNode(nodeBinary(major), [...flags, '-e', probeScript({ kind, path: 'secret.txt' }, dir)], {
      cwd: dir,
      env: minimalEnv({}),
    });
    return { result: probeOutcome(run.stdout), code: run.code, stderr: run.stderr };
  };

  for (const major of ['20', '26']) {
    for (const kind of probeKinds) {
      if (probeSkipReason(kind, Number(major))) continue;
      it(`node ${major}: ${kind} is denied with no grants and allowed with all`, async () => {
        const denied = await outcome(major, kind, [enable(major)]);
        assert.equal(denied.result, expectedProbeCode(kind), denied.stderr);
        assert.notEqual(denied.code, 0);
        const granted = await outcome(major, kind, grantAll(major));
        // A missing addon with addons allowed fails in the loader, which is the point of using one.
        assert.equal(granted.result, kind === 'addon' ? 'ERR_DLOPEN_FAILED' : 'allowed', granted.stderr);
      });
    }
  }
});
