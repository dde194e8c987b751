// The evaluator's specification: each row is a snippet and the value its sink(...) argument folds to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { valueOfSink } from './support/snippet.js';

const rows: [string, string, Record<string, string>?][] = [
  [`sink('data.txt')`, 'data.txt'],
  [`sink(__dirname + '/a.txt')`, '/app/a.txt'],
  [`sink(\`\${__dirname}/data/\${'x'}.json\`)`, '/app/data/x.json'],
  [`const path = require('path'); sink(path.join(__dirname, 'data', 'a.txt'))`, '/app/data/a.txt'],
  [`const { join } = require('node:path'); sink(join(__dirname, '..', 'b'))`, '/b'],
  [`const path = require('path'); sink(path.resolve('x', 'y'))`, '/app/x/y'],
  [`const p = require('path'); sink(p.dirname(__filename))`, '/app'],
  [`const p = require('path'); sink(p.basename('/a/b.txt', '.txt'))`, 'b'],
  [`const p = require('path'); sink(p.normalize('/a/./b/../c'))`, '/a/c'],
  [`const p = require('path'); sink(p.relative('/a/b', '/a/c/d'))`, '../c/d'],
  [`const p = require('path').posix; sink(p.join('/a', 'b'))`, '/a/b'],
  [`sink(process.cwd() + '/x')`, '/app/x'],
  [`const os = require('os'); sink(os.tmpdir())`, '/tmp'],
  [`const { homedir } = require('node:os'); sink(homedir())`, '/home/u'],
  [`sink(process.env.DATA)`, '/srv/data', { DATA: '/srv/data' }],
  [`sink(process.env.DATA)`, '?env-unbound(DATA)'],
  [`const { DATA } = process.env; sink(DATA)`, 'x', { DATA: 'x' }],
  [`sink(process.env.DIR || './default')`, '?env-unbound(DIR) | ./default'],
  [`sink(process.env.DIR ?? 'd')`, '?env-unbound(DIR) | d'],
  [`const a = 'x'; const b = a; sink(b)`, 'x'],
  [`let a; a = 'once'; sink(a)`, 'once'],
  [`let a = 'one'; a = 'two'; sink(a)`, 'one | two'],
  [`let a = 'x'; a += 'y'; sink(a)`, '?reassigned(a)'],
  [`const f = process.argv.length > 2 ? 'a.txt' : 'b.txt'; sink(f)`, 'a.txt | b.txt'],
  [`const o = { dir: '/srv' }; sink(o.dir)`, '/srv'],
  // Object.assign keeps what it knows when a source is one the analysis cannot see (a caller's options).
  [`const o = Object.assign({ dir: '/srv' }, { name: 'a' }); sink(o.dir + '/' + o.name)`, '/srv/a'],
  [`function f(opts) { const o = Object.assign({ dir: '/srv' }, opts); sink(o.dir); } f(JSON.parse(x))`, '/srv | ?parameter(opts)'],
  [`function f(opts) { const o = Object.assign({}, opts, { dir: '/srv' }); sink(o.dir); } f(JSON.parse(x))`, '/srv'],
  [`sink(process.platform === 'win32' ? 'C:/x' : '/etc/x')`, '/etc/x'],
  [`const { platform } = require('node:process'); sink(\`./bin/\${platform}\`)`, './bin/linux'],
  [`const { platform, arch } = process; sink(\`./x-\${platform}-\${require('os').arch()}.node\`)`, './x-linux-x64.node'],
  [`const isMusl = () => !process.report.getReport().header.glibcVersionRuntime; sink(isMusl() ? 'musl' : 'gnu')`, 'gnu'],
  [`sink(process.arch !== 'x64' && require('os').platform() === 'linux' ? 'a' : 'b')`, 'b'],
  [`const { dir = '/fallback' } = {}; sink(dir)`, '/fallback'],
  [`const [first] = ['/x', '/y']; sink(first)`, '/x'],
  [`for (const f of ['a', 'b']) sink(f)`, 'a | b'],
  // Array.prototype.join over known items (trials-16, make-asynchronous's `['node:', 'worker_threads'].join('')`).
  [`sink(['node:', 'worker_threads'].join(''))`, 'node:worker_threads'],
  [`sink([__dirname, 'a', 1].join('/'))`, '/app/a/1'],
  [`sink(['a', undefined, 'b'].join())`, 'a,,b'],
  [`sink([__dirname, name].join('/'))`, '/app/…'],
  [`sink(['a', 'b'].join(sep))`, '?call-result'],
  // A function's body is searched for key listings of its parameters (rollup's namespace helper):
  // a name of Object.prototype's (`toString.keys`) is no lister, and does not crash the search.
  [`function ns(e) { toString.keys(e); constructor.entries(e); return { d: 'x' } } const lib = require('lib'); sink(ns(lib).d)`, 'x'],
  [`sink(new URL('./d.txt', 'file:///app/index.js'))`, 'url:file:///app/d.txt'],
  [`const { fileURLToPath } = require('url'); sink(fileURLToPath(new URL('./d.txt', 'file:///app/x.js')))`, '/app/d.txt'],
  [`sink(require.resolve('./data.txt'))`, '/app/data.txt'],
  [`const at = (n) => __dirname + '/' + n; sink(at('k.txt'))`, '/app/k.txt'],
  [`function at(n) { return require('path').join(__dirname, 'd', n); } sink(at('k'))`, '/app/d/k'],
  [`sink(__dirname + '/uploads/' + name)`, '/app/uploads/…'],
  // resolve() starts again at an absolute part, also one known only by its start (commander's executable lookup).
  [`const p = require('path'); sink(p.resolve('x', __dirname + '/bin/' + name))`, '/app/bin/…'],
  [`const p = require('path'); sink(p.resolve(__dirname + '/bin/' + name))`, '/app/bin/…'],
  [`const p = require('path'); sink(p.join('x', __dirname + '/bin/' + name))`, 'x/app/bin/…'],
  [`const { parseArgs } = require('node:util'); const { values } = parseArgs({ options: { out: { type: 'string', default: 'dist' } } }); sink(values.out)`, 'dist'],
  [`const { parseArgs } = require('node:util'); sink(parseArgs({ options: { out: { type: 'string' } } }).values.out)`, '?cli-argument(--out)'],
  [`const { parseArgs } = require('node:util'); sink(parseArgs({ options: { out: { type: 'string' } } }).positionals[0])`, '?cli-argument(positionals)'],
  [`const p = require('path'); sink(p.join(__dirname, 'up', process.argv[2]))`, '/app/up/…'],
  [`function f(x) { sink(x) }`, '?parameter(x)'],
  [`sink(obj[key])`, '?computed-member'],
  [`const o = {}; sink(o[Math.random()])`, '?computed-member'],
  [`sink(process.argv[2])`, '?global(process.argv)'],
  [`sink(compute())`, '?call-result'],
  [`const fs = require('fs'); sink(fs.promises.readFile)`, 'builtin:fs.promises.readFile'],
  [`const { promises: fsp } = require('node:fs'); sink(fsp.writeFile)`, 'builtin:fs.promises.writeFile'],
];

const esmRows: [string, string][] = [
  [`sink(new URL('./w.js', import.meta.url))`, 'url:file:///app/w.js'],
  [`sink(import.meta.dirname)`, '/app'],
  [`sink(import.meta.filename)`, '/app/index.mjs'],
  [`import * as fsp from 'node:fs/promises'; sink(fsp.readFile)`, 'builtin:fs.promises.readFile'],
  [`import { readFile as rf } from 'fs/promises'; sink(rf)`, 'builtin:fs.promises.readFile'],
  [`import fs from 'fs'; sink(fs.default.statSync)`, 'builtin:fs.statSync'],
  [`import path from 'node:path'; import { fileURLToPath } from 'node:url'; const d = path.dirname(fileURLToPath(import.meta.url)); sink(path.join(d, 'x'))`, '/app/x'],
];

for (const [source, expected, env] of rows) {
  test(`cjs: ${source}`, () => assert.equal(valueOfSink(source, env), expected));
}
for (const [source, expected] of esmRows) {
  test(`esm: ${source}`, () => assert.equal(valueOfSink(source, {}, '/app/index.mjs'), expected));
}
