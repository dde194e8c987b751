// The inputs of the fuzz test (test/fuzz.test.ts): seeds from the fixtures, from real packages
// in node_modules and from test/fuzz-seeds/, mutated at the token level (so many mutants still
// parse and reach the evaluator and detectors, not only the parser's error path), plus small
// programs generated from a grammar of the constructs the analysis models. Input `i` of a run
// depends only on (seed, i), so any failure can be rebuilt from those two numbers.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tokenizer, type Token } from 'acorn';

const repo = path.join(import.meta.dirname, '..', '..');

export type Rng = () => number;

/** mulberry32: small, fast and good enough to pick mutations. */
export function rngFor(seed: number, index: number): Rng {
  let state = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const int = (rng: Rng, max: number) => Math.floor(rng() * max);

function filesUnder(dir: string, keep: (file: string) => boolean, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'build') filesUnder(full, keep, out);
    else if (entry.isFile() && keep(full)) out.push(full);
  }
  return out;
}

const isCode = (f: string) => /\.(c|m)?js$/.test(f);

/**
 * The seed corpus, in a stable order. Real packages are the repo's own dependencies (acorn,
 * fast-glob, semver, tsx's dist); files over 60 KB are cut into 20 KB slices (minified files
 * are one long line), so one mutation stays cheap to analyse.
 */
export function loadSeeds(): { own: string[]; all: string[] } {
  const fixtures = filesUnder(path.join(repo, 'fixtures'), isCode);
  const packages = ['acorn/dist', 'fast-glob/out', 'semver', 'tsx/dist'].flatMap((p) => filesUnder(path.join(repo, 'node_modules', p), isCode));
  const own = filesUnder(path.join(repo, 'test', 'fuzz-seeds'), isCode).sort();
  const seeds: string[] = [];
  for (const file of [...own, ...fixtures, ...packages].sort()) {
    const text = fs.readFileSync(file, 'utf8');
    if (text.length <= 60_000) {
      seeds.push(text);
      continue;
    }
    for (let i = 0; i < text.length; i += 20_000) seeds.push(text.slice(i, i + 20_000));
  }
  return { own: own.map((f) => fs.readFileSync(f, 'utf8')), all: seeds };
}

/** package.json files to fuzz the resolver and entry discovery with (test/fuzz-seeds/*.json). */
export function loadPackageSeeds(): string[] {
  return filesUnder(path.join(repo, 'test', 'fuzz-seeds'), (f) => f.endsWith('.json')).sort().map((f) => fs.readFileSync(f, 'utf8'));
}

const identifiers = [
  'require', 'module', 'exports', 'import', 'fs', 'path', 'process', 'env', 'argv', '__dirname', '__filename', 'url',
  'readFileSync', 'writeFileSync', 'join', 'resolve', 'Worker', 'spawn', 'fork', 'createRequire', 'fileURLToPath',
  'constructor', '__proto__', 'prototype', 'hasOwnProperty', 'toString', 'then', 'arguments', 'eval', 'this',
  'globalThis', 'Symbol', 'undefined', 'a', 'b', 'f', 'x',
];
const strings = [
  "'fs'", "'node:fs'", "'fs/promises'", "'path'", "'child_process'", "'worker_threads'", "'./lib/a.js'", "'dep'",
  "'./'", "'../../..'", "'/'", "'*'", "''", "'a\\0b'", "'\\uD800'", "'${x}'", "'__proto__'", "'constructor'",
  "'data.txt'", "'/etc/passwd'", `'${'a/'.repeat(300)}'`, "'file:///tmp/x'", "'node:'", "'#internal'",
];
const snippets = [
  "require('fs').readFileSync(require('path').join(__dirname, 'data.txt'));",
  "require('./lib/a.js');", "require('dep');", "import('./lib/a.js');", "import('dep/sub');",
  "const { Worker } = require('worker_threads'); new Worker(new URL('./lib/a.js', import.meta.url));",
  "require('child_process').fork(__dirname + '/lib/a.js');",
  "fs.writeFileSync(process.env.OUT + '/x', '');", "fs.readFileSync(`${__dirname}/${x}.json`);",
  "for (const n of ['a', 'b', 'c']) fs.readFileSync(path.join(__dirname, n));",
  "function f(p) { return f(p + '/x'); } fs.readFileSync(f(__dirname));",
  "const g = (p) => g(p); fs.readFileSync(g('x'));", "let a = b, b = a; fs.readFileSync(a);",
  "module.exports = (p) => require('fs').readFileSync(p);", "exports.r = require; exports.r('dep');",
  "x = x + x; x = x + x; x = x + x; fs.readFileSync(x);", "Object.prototype.x = 1; ({}).__proto__.y = 2;",
  `fs.readFileSync(${'('.repeat(500)}'a'${')'.repeat(500)});`,
  `fs.readFileSync(${Array.from({ length: 300 }, (_, i) => `'p${i}'`).join(' + ')});`,
  "label: for (;;) { break label; }", "with (obj) { readFileSync(p); }", "eval('require(\"fs\")');",
  "new Function('return require')()('fs');", "require(require.resolve('dep'));", "require.cache = {};",
  "async function* g() { yield* g(); }", "class C extends (require('events')) { #p = require('fs'); static { this.#p; } }",
];

function tokens(text: string): Token[] | undefined {
  try {
    const out: Token[] = [];
    for (const t of tokenizer(text, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true, allowAwaitOutsideFunction: true, allowReturnOutsideFunction: true })) {
      out.push(t);
      if (out.length > 20_000) break;
    }
    return out;
  } catch {
    return undefined;
  }
}

/** One mutation of `text`, at token boundaries when it tokenizes, else at characters. */
function mutateOnce(text: string, rng: Rng, other: () => string): string {
  const toks = tokens(text);
  const cut = (at: number) => (toks && toks.length > 0 ? toks[Math.min(at, toks.length - 1)]!.start : Math.min(at, text.length));
  const span = toks ? toks.length : text.length;
  const a = cut(int(rng, span + 1));
  const b = Math.max(a, cut(int(rng, span + 1)));
  switch (int(rng, 9)) {
    case 0: // delete a range
      return text.slice(0, a) + text.slice(b);
    case 1: // duplicate a range elsewhere
      return (() => {
        const at = cut(int(rng, span + 1));
        return text.slice(0, at) + text.slice(a, b) + text.slice(at);
      })();
    case 2: { // replace an identifier
      const ids = toks?.filter((t) => t.type.label === 'name');
      if (!ids?.length) return text + pick(rng, identifiers);
      const t = pick(rng, ids);
      return text.slice(0, t.start) + pick(rng, identifiers) + text.slice(t.end);
    }
    case 3: { // replace a string literal
      const strs = toks?.filter((t) => t.type.label === 'string' || t.type.label === 'template');
      if (!strs?.length) return text + pick(rng, strings);
      const t = pick(rng, strs);
      return text.slice(0, t.start) + pick(rng, strings) + text.slice(t.end);
    }
    case 4: { // insert a sink or module request at a line start
      const lines = text.split('\n');
      lines.splice(int(rng, lines.length + 1), 0, pick(rng, snippets));
      return lines.join('\n');
    }
    case 5: { // splice in a range of another seed
      const donor = other();
      const from = int(rng, donor.length + 1);
      return text.slice(0, a) + donor.slice(from, from + int(rng, 2000)) + text.slice(a);
    }
    case 6: // truncate
      return text.slice(0, a);
    case 7: { // odd characters: NUL, BOM, line separators, lone surrogates, a hashbang
      const odd = pick(rng, ['\0', '\uFEFF', '\u2028', '\uD800', '\r', '#!/usr/bin/env node\n', '\\', '`', '${', '/*', '*/', '//']);
      return text.slice(0, a) + odd + text.slice(a);
    }
    default: // swap two ranges
      return text.slice(0, a) + text.slice(b, Math.min(text.length, b + (b - a))) + text.slice(a, b) + text.slice(Math.min(text.length, b + (b - a)));
  }
}

export function mutate(text: string, rng: Rng, other: () => string): string {
  let out = text;
  const rounds = 1 + int(rng, 4);
  for (let i = 0; i < rounds; i++) out = mutateOnce(out, rng, other);
  return out;
}

/** A small program from a grammar of what the analysis folds: bindings, paths, calls, sinks. */
export function generateProgram(rng: Rng): string {
  const names = ['a', 'b', 'c', 'dir', 'file', 'p'];
  const expr = (depth: number): string => {
    if (depth <= 0) return pick(rng, [...strings, ...names, '__dirname', 'process.cwd()', 'process.env.DATA', 'import.meta.url', '42', 'null']);
    const e = () => expr(depth - 1);
    switch (int(rng, 12)) {
      case 0: return `${e()} + ${e()}`;
      case 1: return `\`\${${e()}}/\${${e()}}\``;
      case 2: return `path.join(${e()}, ${e()})`;
      case 3: return `path.resolve(${e()})`;
      case 4: return `${e()} ? ${e()} : ${e()}`;
      case 5: return `[${e()}, ${e()}]`;
      case 6: return `{ k: ${e()}, [${e()}]: ${e()} }`;
      case 7: return `(${pick(rng, names)}) => ${e()}`;
      case 8: return `${pick(rng, names)}(${e()})`;
      case 9: return `${e()}[${e()}]`;
      case 10: return `new URL(${e()}, import.meta.url)`;
      default: return `fileURLToPath(${e()})`;
    }
  };
  const stmt = (depth: number): string => {
    const e = () => expr(1 + int(rng, 3));
    switch (int(rng, 10)) {
      case 0: return `const ${pick(rng, names)} = ${e()};`;
      case 1: return `${pick(rng, names)} = ${e()};`;
      case 2: return `function ${pick(rng, names)}(${pick(rng, names)}) { ${depth > 0 ? stmt(depth - 1) : ''} return ${e()}; }`;
      case 3: return `fs.${pick(rng, ['readFileSync', 'writeFileSync', 'mkdirSync', 'rmSync', 'existsSync', 'createReadStream', 'cpSync', 'symlinkSync'])}(${e()}, ${e()});`;
      case 4: return `require(${e()});`;
      case 5: return `import(${e()});`;
      case 6: return `for (const ${pick(rng, names)} of ${e()}) { ${depth > 0 ? stmt(depth - 1) : ''} }`;
      case 7: return `if (${e()}) { ${depth > 0 ? stmt(depth - 1) : ''} } else { ${depth > 0 ? stmt(depth - 1) : ''} }`;
      case 8: return `new Worker(${e()});`;
      default: return `${pick(rng, names)}(${e()});`;
    }
  };
  const header = "import fs from 'node:fs';\nimport path from 'node:path';\nimport { Worker } from 'node:worker_threads';\nimport { fileURLToPath } from 'node:url';\n";
  return header + Array.from({ length: 3 + int(rng, 12) }, () => stmt(2)).join('\n') + '\n';
}

/**
 * Input `index` of a run: the files of one small project, keyed by path relative to its root.
 * The first inputs are the corpus of test/fuzz-seeds/ as it is (past failures stay fixed), the
 * rest are mutants and generated programs.
 */
export function fuzzInput(seed: number, index: number, seeds: { own: readonly string[]; all: readonly string[] }, packages: readonly string[]): Record<string, string> {
  if (index < seeds.own.length) return { 'package.json': '{"name":"fuzz","main":"index.js"}', 'index.js': seeds.own[index]!, 'lib/a.js': seeds.own[(index + 1) % seeds.own.length]! };
  if (index < seeds.own.length + packages.length) {
    return { 'package.json': '{"name":"fuzz","main":"index.js"}', 'index.js': "require('dep'); import('dep/sub');", 'node_modules/dep/package.json': packages[index - seeds.own.length]!, 'node_modules/dep/index.js': '' };
  }
  const rng = rngFor(seed, index);
  const other = () => pick(rng, seeds.all);
  const program = () => (rng() < 0.25 ? generateProgram(rng) : mutate(other(), rng, other));
  const pkg = packages.length > 0 && rng() < 0.3 ? mutate(pick(rng, packages), rng, () => pick(rng, packages)) : '{"name":"fuzz","main":"index.js"}';
  const root = packages.length > 0 && rng() < 0.1 ? pkg : '{"name":"fuzz","main":"index.js"}';
  return {
    'package.json': root,
    'index.js': program(),
    'lib/a.js': program(),
    'lib/b.mjs': program(),
    'node_modules/dep/package.json': pkg,
    'node_modules/dep/index.js': program(),
  };
}
