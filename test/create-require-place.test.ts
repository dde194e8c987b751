// A require made by createRequire for a place the text names beside the file (lib/graph/files.ts
// literalDependencies): its literal requests are examined before the file, with the place they
// resolve from. silent-18 added a base written with path.join / path.resolve of the file's
// folder and literal names, and CommonJS's createRequire required from 'module'.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { literalDependencies } from '../lib/graph/files.js';
import { parseFile } from '../lib/parse/index.js';

function requires(source: string, kind: 'cjs' | 'esm'): string[] {
  const parsed = parseFile(`/srv/app/index.${kind === 'esm' ? 'mjs' : 'cjs'}`, source, kind, false, (loc) => ({ file: 'index', line: loc?.line ?? 1, column: (loc?.column ?? 0) + 1 }));
  assert.ok(parsed.ok);
  return literalDependencies(parsed.model)
    .filter((d) => d.kind === 'require' && d.specifier === './a.cjs')
    .map((d) => d.base ?? '(the file)');
}

const esm = "import { createRequire } from 'node:module'; import path from 'node:path'; import { join } from 'path';\n";
const cjs = "const path = require('path'); const { createRequire } = require('module'); const m = require('node:module');\n";
const rows: [string, 'cjs' | 'esm', string[]][] = [
  [`${esm}createRequire(path.join(import.meta.dirname, 'lib', 'x.js'))('./a.cjs')`, 'esm', ['lib/x.js']],
  [`${esm}const r = createRequire(join(import.meta.dirname, 'sub/')); r('./a.cjs')`, 'esm', ['sub/noop.js']],
  [`${esm}createRequire(path.resolve(import.meta.dirname, '..', 'x.js'))('./a.cjs')`, 'esm', ['../x.js']],
  [`${cjs}const r = createRequire(path.join(__dirname, 'x.js')); r('./a.cjs')`, 'cjs', ['x.js']],
  [`${cjs}m.createRequire(__filename)('./a.cjs')`, 'cjs', ['(the file)']],
  // Not a place the text names: an absolute name, a name not literal, a path or __dirname of the file's own.
  [`${esm}createRequire(path.join(import.meta.dirname, '/etc', 'x.js'))('./a.cjs')`, 'esm', []],
  [`${esm}createRequire(path.join(import.meta.dirname, process.env.X))('./a.cjs')`, 'esm', []],
  [`const path = { join: (a, b) => '/elsewhere/' + b }; const { createRequire } = require('module'); createRequire(path.join(__dirname, 'x.js'))('./a.cjs')`, 'cjs', []],
  [`const __dirname = '/elsewhere'; const path = require('path'); const { createRequire } = require('module'); createRequire(path.join(__dirname, 'x.js'))('./a.cjs')`, 'cjs', []],
];

for (const [source, kind, expected] of rows) {
  test(`createRequire place: ${source.split('\n').at(-1)}`, () => assert.deepEqual(requires(source, kind), expected));
}
