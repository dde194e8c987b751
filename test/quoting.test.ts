// Paths with characters that shells, NODE_OPTIONS and config files treat specially: each
// output format must carry them exactly, on every real Node binary, or the path must be refused.
// One generated project lives in a folder whose name holds all of them at once, and reads one
// file per character; it is analysed, run under each format's output, and probed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyze, configFileArgs, toConfig, type Report } from '../lib/index.js';
import { nodeOptionsQuote, shellQuote } from '../lib/emit/quote.js';
import { grantPathProblem } from '../lib/policy/path-check.js';
import { renderOutput } from '../cli/render.js';
import { nodeBinary } from './support/node-binaries.js';
import { formatRun, minimalEnv, runNode } from './support/run-under-policy.js';
import { mkdtempSync } from './support/temp-dirs.js';

/** One file name per awkward character; the app reads each of them. */
const awkward: Record<string, string> = {
  space: 'a b.txt',
  'two spaces': 'a  b .txt',
  'single quote': "it's.txt",
  'double quote': 'say "hi".txt',
  'lone double quote': 'a"b.txt',
  dollar: '$HOME.txt',
  backtick: 'a`id`b.txt',
  newline: 'a\nb.txt',
  tab: 'a\tb.txt',
  comma: 'a,b.txt',
  backslash: 'a\\b.txt',
  'backslash quote': 'a\\"b c.txt',
  equals: 'a=b.txt',
  'non-ASCII': 'été-日本-😀.txt',
  'leading dash': '-x.txt',
};
/** The project folder's own name holds every character at once, so every grant carries them. */
const folderName = `-app $HOME \`id\` 'q' "d" a,b é\nnl\ttab\\bs`;

function makeProject(): string {
  const base = realpathSync(mkdtempSync(path.join(tmpdir(), 'npp-quoting-')));
  const dir = path.join(base, folderName);
  mkdirSync(dir);
  const reads = Object.values(awkward).map((name) => `fs.readFileSync(path.join(__dirname, ${JSON.stringify(name)}));`);
  writeFileSync(path.join(dir, 'package.json'), '{"name":"awkward","main":"index.js"}');
  writeFileSync(path.join(dir, 'index.js'), ["const fs = require('fs');", "const path = require('path');", ...reads, "console.log('ok');", ''].join('\n'));
  for (const name of Object.values(awkward)) writeFileSync(path.join(dir, name), 'x');
  writeFileSync(path.join(dir, 'secret.txt'), 'no');
  return dir;
}

test('shellQuote: /bin/sh reads every word back exactly', () => {
  const words = [...Object.values(awkward), folderName, '', '*', '--allow-fs-read=/srv/a b/*', "'", '\'"\'"'];
  const line = words.map(shellQuote).join(' ');
  const r = spawnSync('/bin/sh', ['-c', 'eval "set -- $LINE"; for w; do printf "%s\\0" "$w"; done'], { env: { LINE: line }, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.split('\0').slice(0, -1), words);
});

test('nodeOptionsQuote quotes only what NODE_OPTIONS would split or unescape', () => {
  assert.equal(nodeOptionsQuote('--allow-fs-read=/srv/app/x.js'), '--allow-fs-read=/srv/app/x.js');
  assert.equal(nodeOptionsQuote('--allow-fs-read=/a b'), '"--allow-fs-read=/a b"');
  assert.equal(nodeOptionsQuote('--allow-fs-read=/a"b\\c'), '"--allow-fs-read=/a\\"b\\\\c"');
});

test('grantPathProblem: only *, NUL and lone surrogates are refused', () => {
  for (const name of [...Object.values(awkward), folderName]) assert.equal(grantPathProblem(`/srv/${name}`), undefined, name);
  assert.equal(grantPathProblem('/srv/a*b'), 'wildcard');
  assert.equal(grantPathProblem('/srv/a\0b'), 'nul');
  assert.equal(grantPathProblem('/srv/a\uD800b'), 'not-unicode');
  assert.equal(grantPathProblem('/srv/😀'), undefined);
});

test('a path with * is never granted, in any scope; a --read with * is granted as asked', async () => {
  const base = realpathSync(mkdtempSync(path.join(tmpdir(), 'npp-star-')));
  const dir = path.join(base, 'a*b');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'package.json'), '{"main":"index.js"}');
  writeFileSync(path.join(dir, 'index.js'), "require('fs').writeFileSync('/tmp/out-*.log', '');\nrequire('fs').readFileSync(__dirname + '/x');\n");
  const report = await analyze({ cwd: dir, target: '22', unresolved: 'project' });
  assert.deepEqual(report.flags, ['--permission']);
  const found = report.diagnostics.filter((d) => d.code === 'FS_PATH_NOT_EXPRESSIBLE').map((d) => [d.args, d.site?.line]);
  assert.deepEqual(found.map(([a]) => (a as { path: string }).path).sort(), [path.join(dir, 'index.js'), path.join(dir, 'x'), '/tmp/out-*.log'].sort());
  const asked = await analyze({ cwd: dir, target: '22', read: ['*'], write: ['/tmp/out-*'] });
  assert.deepEqual(asked.flags, ['--permission', '--allow-fs-read=*', '--allow-fs-write=/tmp/out-*']);
});

test('a NUL in a --read value is refused with PATH_NOT_EXPRESSIBLE', async () => {
  await assert.rejects(analyze({ cwd: makeProject(), read: ['/srv/a\0b'] }), { code: 'PATH_NOT_EXPRESSIBLE' });
});

test('configFileArgs keeps a file name with a leading dash a value', async () => {
  const report = await analyze({ cwd: makeProject(), target: '23' });
  assert.deepEqual(configFileArgs(report, '-c.json'), ['--experimental-config-file', './-c.json']);
});

/** How to start the app with one format's output, as a user would. */
function launch(report: Report, format: 'shell' | 'args' | 'node-options' | 'config', bin: string, dir: string, code?: string): { bin: string; args: string[]; env: Record<string, string> } {
  const script = code === undefined ? ['index.js'] : ['-e', code];
  const out = renderOutput(report, format);
  switch (format) {
    case 'shell':
      // The documented use: eval "node $(generate-flags) server.js". $(...) drops the final newline.
      return { bin: '/bin/sh', args: ['-c', 'eval "exec \\"\\$NODE\\" $FLAGS \\"\\$@\\""', 'sh', ...script], env: { NODE: bin, FLAGS: out.replace(/\n$/, '') } };
    case 'args':
      return { bin, args: [...(JSON.parse(out) as string[]), ...script], env: {} };
    case 'node-options':
      return { bin, args: script, env: { NODE_OPTIONS: out.replace(/\n$/, '') } };
    case 'config': {
      writeFileSync(path.join(dir, 'node.config.json'), out);
      return { bin, args: [...configFileArgs(report, 'node.config.json'), ...script], env: {} };
    }
  }
}

for (const major of ['20', '22', '24', '26']) {
  describe(`Node ${major}: awkward paths in every format`, { concurrency: true }, () => {
    const formats = major === '20' ? (['shell', 'args', 'node-options'] as const) : (['shell', 'args', 'node-options', 'config'] as const);
    for (const format of formats) {
      test(format, async () => {
        const bin = nodeBinary(major);
        const dir = makeProject();
        const report = await analyze({ cwd: dir, target: major });
        // Notes about the target version (end of life, advisories) have no site; a path problem would.
        assert.deepEqual(report.diagnostics.filter((d) => d.site), []);
        assert.equal(report.policy.fsRead.length, Object.keys(awkward).length + 1);
        assert.deepEqual(JSON.parse(renderOutput(report, 'json')).flags, report.flags);
        if (format === 'config') assert.ok(JSON.stringify(toConfig(report)).length > 0);
        const app = launch(report, format, bin, dir);
        const run = await runNode(app.bin, app.args, { cwd: dir, env: minimalEnv(app.env) });
        assert.equal(run.code, 0, formatRun(run));
        assert.match(run.stdout, /^ok$/m, formatRun(run));
        const probe = launch(report, format, bin, dir, 'require("fs").readFileSync("secret.txt")');
        const denied = await runNode(probe.bin, probe.args, { cwd: dir, env: minimalEnv(probe.env) });
        assert.match(denied.stderr, /ERR_ACCESS_DENIED/, formatRun(denied));
      });
    }
  });
}

test('no fixture grants * unless its case asks for it, and a * only ever ends a grant', () => {
  const fixtures = path.join(import.meta.dirname, '..', 'fixtures');
  for (const name of readdirSync(fixtures)) {
    const expectedFile = path.join(fixtures, name, 'expected.json');
    if (!existsSync(expectedFile)) continue;
    const caseFile = path.join(fixtures, name, 'case.json');
    const asked = existsSync(caseFile) ? (JSON.parse(readFileSync(caseFile, 'utf8')) as { read?: string[]; write?: string[] }) : {};
    const flags = Object.values((JSON.parse(readFileSync(expectedFile, 'utf8')) as { flags: Record<string, string[]> }).flags).flat();
    for (const flag of flags.filter((f) => f.startsWith('--allow-fs-'))) {
      const value = flag.slice(flag.indexOf('=') + 1);
      const scope = flag.startsWith('--allow-fs-read') ? asked.read : asked.write;
      if (value === '*') assert.ok(scope?.includes('*'), `${name}: ${flag} was not asked for`);
      else assert.ok(!value.slice(0, -1).includes('*'), `${name}: ${flag} has a * before its end`);
    }
  }
});
