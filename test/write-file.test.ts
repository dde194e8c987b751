// The files generate-flags writes: only the -o file, atomically, with its mode kept, and never
// half-written. The kill test starts the CLI on a project whose JSON report is several MB and
// SIGKILLs it the moment its temp file appears (and at random points): afterwards the target
// is byte-identical to the old file or the complete new one, and the next run clears the temp.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { outputTarget, removeStaleTemps, writeFileAtomic } from '../cli/write-file.js';
import { generateTree } from '../scripts/generate-tree.mjs';
import { mkdtempSync } from './support/temp-dirs.js';
import { cliPath as cli } from './support/cli.js';

const env = { PATH: process.env.PATH ?? '', NO_COLOR: '1' };

const temps = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));
const folder = () => fs.realpathSync(mkdtempSync(path.join(tmpdir(), 'npp-write-')));

function generateFlags(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('a new file gets the content and the default mode; an existing file keeps its mode', () => {
  const dir = folder();
  const file = path.join(dir, 'flags.txt');
  writeFileAtomic(file, 'one\n');
  assert.equal(fs.readFileSync(file, 'utf8'), 'one\n');
  fs.chmodSync(file, 0o640);
  writeFileAtomic(file, 'two\n');
  assert.equal(fs.readFileSync(file, 'utf8'), 'two\n');
  assert.equal(fs.statSync(file).mode & 0o7777, 0o640);
  fs.chmodSync(file, 0o755);
  writeFileAtomic(file, 'three\n');
  assert.equal(fs.statSync(file).mode & 0o7777, 0o755);
  assert.deepEqual(temps(dir), []);
});

test('a symlink is written through: the link stays, its target gets the content', () => {
  const dir = folder();
  fs.mkdirSync(path.join(dir, 'real'));
  fs.writeFileSync(path.join(dir, 'real', 'flags.txt'), 'old');
  fs.symlinkSync('real/flags.txt', path.join(dir, 'link.txt'));
  writeFileAtomic(path.join(dir, 'link.txt'), 'new');
  assert.ok(fs.lstatSync(path.join(dir, 'link.txt')).isSymbolicLink());
  assert.equal(fs.readFileSync(path.join(dir, 'real', 'flags.txt'), 'utf8'), 'new');
  assert.deepEqual([...temps(dir), ...temps(path.join(dir, 'real'))], []);
});

test('a missing folder or a folder as target is refused before anything is written', () => {
  const dir = folder();
  assert.throws(() => outputTarget(path.join(dir, 'missing', 'flags.txt')), { code: 'OUTPUT_NOT_WRITABLE', message: /folder .*missing does not exist/ });
  assert.throws(() => writeFileAtomic(dir, 'x'), { code: 'OUTPUT_NOT_WRITABLE', message: /it is a folder/ });
  assert.deepEqual(fs.readdirSync(dir), []);
});

test('a failed rename leaves the old content and no temp file', () => {
  const dir = folder();
  const file = path.join(dir, 'flags.txt');
  fs.writeFileSync(file, 'old');
  // The rename fails after the temp file is complete (an I/O error); builtin ESM exports follow
  // the CommonJS object once synced, which is how write-file.ts sees the replacement.
  const cjsFs = createRequire(import.meta.url)('node:fs') as typeof fs;
  const realRename = cjsFs.renameSync;
  cjsFs.renameSync = () => {
    throw Object.assign(new Error('simulated'), { code: 'EIO' });
  };
  syncBuiltinESMExports();
  try {
    assert.throws(() => writeFileAtomic(file, 'new'), { code: 'OUTPUT_NOT_WRITABLE', message: /EIO/ });
  } finally {
    cjsFs.renameSync = realRename;
    syncBuiltinESMExports();
  }
  assert.equal(fs.readFileSync(file, 'utf8'), 'old');
  assert.deepEqual(temps(dir), []);
});

test('temp files of dead runs are removed; a live run\'s temp and other files are kept', () => {
  const dir = folder();
  const file = path.join(dir, 'flags.txt');
  const sleeper = spawn('sleep', ['30']);
  try {
    const dead = `.flags.txt.npp-2147483646-0badc0de.tmp`;
    const live = `.flags.txt.npp-${sleeper.pid}-0badc0de.tmp`;
    const other = `.other.txt.npp-2147483646-0badc0de.tmp`;
    for (const name of [dead, live, other]) fs.writeFileSync(path.join(dir, name), 'partial');
    assert.deepEqual(removeStaleTemps(file), [dead]);
    assert.deepEqual(temps(dir).sort(), [live, other].sort());
  } finally {
    sleeper.kill('SIGKILL');
  }
});

test('generate-flags writes only the -o file: the project is untouched', () => {
  const dir = folder();
  generateTree(dir, { files: 30 });
  const snapshot = () => {
    const out: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else out.push(`${path.relative(dir, p)} ${fs.statSync(p).mtimeMs} ${fs.readFileSync(p, 'base64')}`);
      }
    };
    walk(dir);
    return out.sort();
  };
  const before = snapshot();
  const out = path.join(folder(), 'policy.json');
  const r = generateFlags(['--cwd', dir, '--target', '22', '--format', 'config', '-o', out], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(snapshot(), before);
  assert.deepEqual(fs.readdirSync(path.dirname(out)), ['policy.json']);
});

test('-o errors are one line and a hint, exit 2, and leave files as they were', () => {
  const dir = folder();
  generateTree(dir, { files: 3 });
  const pkg = fs.readFileSync(path.join(dir, 'package.json'), 'utf8');
  const cases: [string[], RegExp][] = [
    [['--format', 'config', '-o', 'out/node.config.json'], /^generate-flags: cannot write out\/node\.config\.json: the folder .*\/out does not exist\nhint: create the folder first/],
    [['-o', 'lib'], /^generate-flags: cannot write lib: it is a folder\nhint: /],
    [['-o', 'package.json'], /^generate-flags: cannot write package\.json: the analysis read it as part of the project.*\nhint: choose another -o FILE\n$/],
    [['-o', 'index.js'], /^generate-flags: cannot write index\.js: the analysis read it/],
  ];
  for (const [args, expected] of cases) {
    const r = generateFlags(['--cwd', dir, '--target', '22', ...args], dir);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, expected);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack without --debug');
  }
  assert.equal(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'), pkg);
  assert.ok(!fs.existsSync(path.join(dir, 'out')));
});

/** Deterministic pseudo-random numbers (mulberry32), so a failing kill point can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs the CLI writing `out` and SIGKILLs it when its temp file appears, or after `delayMs`. */
function killedRun(project: string, out: string, delayMs: number | 'at-temp'): Promise<void> {
  return new Promise((resolve) => {
    // --no-cache: each run analyses (as long as the reference run), and the report's cache count stays that run's.
    const child = spawn(process.execPath, [cli, '--no-cache', '--cwd', project, '--target', '22', '--format', 'json', '-o', out], { env, stdio: 'ignore' });
    const kill = () => child.kill('SIGKILL');
    let watcher: fs.FSWatcher | undefined;
    let timer: NodeJS.Timeout | undefined;
    if (delayMs === 'at-temp') {
      watcher = fs.watch(path.dirname(out), (_event, name) => {
        if (name && String(name).endsWith('.tmp')) kill();
      });
    } else timer = setTimeout(kill, delayMs);
    child.on('exit', () => {
      watcher?.close();
      clearTimeout(timer);
      resolve();
    });
  });
}

test('SIGKILL at any point leaves the old file or the complete new one', { timeout: 120_000 }, async () => {
  const project = folder();
  generateTree(project, { files: 400 });
  const outDir = folder();
  const out = path.join(outDir, 'report.json');
  const old = Buffer.from('the old policy\n');
  fs.writeFileSync(out, old);

  // The complete output, and how long a full run takes, from one run that is not killed.
  const reference = path.join(folder(), 'reference.json');
  const started = Date.now();
  const full = generateFlags(['--no-cache', '--cwd', project, '--target', '22', '--format', 'json', '-o', reference], project);
  const fullMs = Date.now() - started;
  assert.equal(full.code, 0, full.stderr);
  const complete = fs.readFileSync(reference);
  assert.ok(complete.length > 800_000, `the output should be large, it is ${complete.length} bytes`);

  const next = random(6);
  const points: (number | 'at-temp')[] = ['at-temp', 'at-temp', ...Array.from({ length: 2 }, () => Math.floor(next() * fullMs))];
  const outcomes: string[] = [];
  for (const point of points) {
    fs.writeFileSync(out, old);
    await killedRun(project, out, point);
    const now = fs.readFileSync(out);
    const state = now.equals(old) ? 'old' : now.equals(complete) ? 'new' : 'CORRUPT';
    assert.notEqual(state, 'CORRUPT', `killed at ${point}: ${out} is neither the old nor the complete new file (${now.length} bytes)`);
    outcomes.push(`${point}:${state}:${temps(outDir).length} temp`);
    // A temp file left by the kill is removed by the next write to the same file.
    if (temps(outDir).length > 0) {
      writeFileAtomic(out, old);
      assert.deepEqual(temps(outDir), [], `after killing at ${point}, the next write did not clean up`);
    }
  }
  // The watcher must have caught at least one run mid-write, or the test proved nothing.
  assert.ok(outcomes.some((o) => o.startsWith('at-temp:old:1')), outcomes.join(', '));
});
