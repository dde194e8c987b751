// Progress of an analysis: the library calls onProgress once per file taken up, with counts and
// the file's package; the CLI shows it on stderr only when stderr is a terminal, throttled, and
// clears the line when done.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, type AnalyzeProgress } from '../lib/index.js';
import { generate } from '../cli/commands/generate.js';
import { progressLine } from '../cli/progress.js';
import { tempProject } from './support/temp-dirs.js';

const project = (files: Record<string, string>): string => tempProject('npp-progress-', files);

const threeFiles = () =>
  project({
    'package.json': '{"name":"app","main":"index.js"}',
    'index.js': "require('./lib/a.js'); require('dep');",
    'lib/a.js': 'module.exports = 1;',
    'node_modules/dep/package.json': '{"name":"dep","main":"main.js"}',
    'node_modules/dep/main.js': "require('child_process').spawn('ls');",
  });

test('analyze calls onProgress once per file, counting up, with the package of each file', async () => {
  const seen: AnalyzeProgress[] = [];
  const report = await analyze({ cwd: threeFiles(), target: '22', onProgress: (p) => seen.push(p) });
  // Dependencies may be taken up before the file that found them is done: compare as sets.
  assert.deepEqual(seen.map((p) => p.files), [1, 2, 3]);
  assert.deepEqual(
    seen.map((p) => [p.file, p.package]).sort(),
    report.project.files.map((file) => [file, file.startsWith('node_modules/dep/') ? 'dep' : '.']).sort(),
  );
  assert.ok(seen.every((p) => p.found >= p.files && p.found <= report.project.files.length));
  assert.equal(seen.at(-1)!.found, 3);
});

function fakeIO(stderrIsTTY: boolean, cwd = '/') {
  const io = { cwd, out: '', err: '', stdoutIsTTY: false, stderrIsTTY, env: {} as Record<string, string>, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

const event = (files: number, file: string, pkg = '.'): AnalyzeProgress => ({ files, found: 10, file, package: pkg });

test('the progress line is rewritten in place at most every interval, and cleared when done', () => {
  let now = 0;
  const io = fakeIO(true);
  const line = progressLine(io, { now: () => now, intervalMs: 100 });
  for (const [t, n] of [[0, 1], [50, 2], [120, 3], [130, 4]] as const) {
    now = t;
    line.onProgress!(event(n, `lib/f${n}.js`, n === 3 ? 'express' : '.'));
  }
  line.done();
  assert.equal(io.err, '\r\x1b[Kanalysing: 1 of 10 files found · (app) lib/f1.js\r\x1b[Kanalysing: 3 of 10 files found · express lib/f3.js\r\x1b[K');
});

test('a long path keeps its end within the width', () => {
  const io = fakeIO(true);
  const line = progressLine(io, { width: 60 });
  line.onProgress!(event(1, `node_modules/${'deep/'.repeat(20)}file.js`, 'deep'));
  const shown = io.err.replace('\r\x1b[K', '');
  assert.equal(shown.length, 60);
  assert.match(shown, /· deep …[a-z/]*\/deep\/file\.js$/);
});

test('no progress when stderr is not a terminal: no callback, nothing written', () => {
  const io = fakeIO(false);
  const line = progressLine(io);
  assert.equal(line.onProgress, undefined);
  line.done();
  assert.equal(io.err, '');
});

test('generate-flags shows progress on a terminal stderr and clears it before the diagnostics', async () => {
  const dir = project({ 'package.json': '{"main":"i.js"}', 'i.js': "require('fs').writeFileSync(process.argv[2], '')" });
  const tty = fakeIO(true, dir);
  assert.equal(await generate(['--target', '22'], tty), 0);
  assert.match(tty.err, /^\r\x1b\[Kanalysing: 1 of 1 files found · \(app\) i\.js\r\x1b\[Ki\.js:1:1: warning FS_PATH_UNKNOWN/);
  const pipe = fakeIO(false, dir);
  await generate(['--target', '22'], pipe);
  assert.match(pipe.err, /^i\.js:1:1: warning FS_PATH_UNKNOWN/);
  assert.doesNotMatch(pipe.err, /analysing|\x1b/);
  assert.equal(tty.out, pipe.out, 'progress never touches stdout');
});
