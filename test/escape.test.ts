// Names from the analysed project reach the terminal escaped in every human-readable output
// (cli/escape.ts), while the machine outputs keep them exact: a file name, a module specifier
// and an environment variable name holding ESC [ 31 m are the hostile inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { escapeControl, escapeStrings } from '../cli/escape.js';
import { mkdtempSync } from './support/temp-dirs.js';
import { cliPath as cli } from './support/cli.js';

const red = '\x1b[31m';

test('escapeControl writes C0, DEL, C1, separators and bidi controls as escapes', () => {
  assert.equal(escapeControl(`a${red}b`), 'a\\x1b[31mb');
  assert.equal(escapeControl('l1\nl2\tx\r\0\x7f\x9b'), 'l1\\nl2\\tx\\r\\x00\\x7f\\x9b');
  assert.equal(escapeControl('evil\u202etxt.js\u2028'), 'evil\\u{202e}txt.js\\u{2028}');
  assert.equal(escapeControl('/srv/app/données/π.txt'), '/srv/app/données/π.txt');
});

test('escapeStrings escapes every string of a report and copies nothing when none changes', () => {
  const clean = { a: ['x', { b: 'y' }], n: 1, t: true };
  assert.equal(escapeStrings(clean), clean);
  const dirty = { a: ['x', { b: `y${red}` }], n: 1 };
  assert.deepEqual(escapeStrings(dirty), { a: ['x', { b: 'y\\x1b[31m' }], n: 1 });
  assert.equal(dirty.a[1] && (dirty.a[1] as { b: string }).b, `y${red}`);
});

function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'npp-escape-'));
  const files: Record<string, string> = {
    'package.json': '{"name":"a","main":"index.js"}',
    'index.js': [
      `const fs = require('fs');`,
      `require('./evil${red}.js');`,
      `require('missing${red}');`,
      `fs.readFileSync(process.env['DIR${red}']);`,
      '',
    ].join('\n'),
    [`evil${red}.js`]: `require('fs').readFileSync(__dirname + '/data${red}.txt');\n`,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

function run(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('no human-readable output carries a control character from the project; the flags keep the exact path', () => {
  const dir = project();
  const views = [
    ['--cwd', dir, '--target', '22'],
    ['--cwd', dir, '--target', '22', '--explain'],
    ['why', 'fs.read', '--cwd', dir, '--target', '22', '--debug'],
    ['packages', '--cwd', dir, '--target', '22', '--debug'],
  ];
  for (const args of views) {
    const r = run(args);
    assert.ok(r.code === 0 || r.code === 1, `${args.join(' ')}: exit ${r.code}\n${r.err}`);
    const human = args.includes('--explain') || args[0] === 'why' || args[0] === 'packages' ? r.out + r.err : r.err;
    assert.ok(!human.includes('\x1b'), `${args.join(' ')} printed ESC:\n${JSON.stringify(human)}`);
    assert.match(human, /\\x1b\[31m/, `${args.join(' ')} shows the name escaped`);
  }
  // The shell output, the other human-readable line, must also be free of a raw ESC: it quotes it.
  const flags = run(['--cwd', dir, '--target', '22', '--format', 'args', '--unresolved', 'warn']);
  assert.ok((JSON.parse(flags.out) as string[]).includes(`--allow-fs-read=${dir}/data${red}.txt`), flags.out);
});
