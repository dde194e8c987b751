// The one-way stages of lib/ (docs/architecture.md), checked on the import statements: no file
// imports another in a cycle (type-only imports count: a type ties two modules together as much
// as a value does), no unit of lib/ imports a later one in the order below, and nothing under
// lib/ imports the CLI or anything else outside lib/. The order is declared here, once;
// docs/architecture.md shows the same list, and a test keeps the two alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './support/fixture-folders.js';

/**
 * The units of lib/, lowest first: a folder (`parse/`) or a file at the top of lib/ (`types.ts`).
 * A unit may import itself and the units before it, never one after it.
 */
const importOrder = [
  'types.ts',
  'capabilities.ts',
  'errors.ts',
  'host.ts',
  'version.ts',
  'site.ts',
  'worker-code.ts',
  'node-versions/',
  'diagnostics/',
  'limits.ts',
  'advisories/',
  'report.ts',
  'cache/',
  'project/',
  'parse/',
  'evaluate/',
  'detect/',
  'models/',
  'graph/',
  'policy/',
  'emit/',
  'policy-file.ts',
  'policy-compare.ts',
  'policy-risks.ts',
  'analyze.ts',
  'analyze-isolated.ts',
  'analyze-worker.ts',
  'check-target.ts',
  'script/',
  'verify/',
  'index.ts',
];

/** Repository-relative path of each file → the repository-relative paths of the files it imports. */
type ImportGraph = Map<string, string[]>;

/**
 * The relative specifiers a TypeScript source imports or re-exports: `import … from '…'`,
 * `export … from '…'`, `import '…'` and `import('…')` (a dynamic import or an import type).
 */
function importsOf(source: string): string[] {
  const found: string[] = [];
  // A declaration starts a line; the names before `from` hold no `;` or quote, so a match stays
  // inside one statement and never starts in a string.
  for (const m of source.matchAll(/^[ \t]*(?:import|export)\b[^;'"`]*?\bfrom\s*(['"])([^'"\n]+)\1/gm)) found.push(m[2]!);
  for (const m of source.matchAll(/^[ \t]*import\s*(['"])([^'"\n]+)\1/gm)) found.push(m[2]!);
  for (const m of source.matchAll(/\bimport\(\s*(['"])([^'"\n]+)\1\s*\)/g)) found.push(m[2]!);
  return found.filter((s) => s.startsWith('.'));
}

/** The file a relative specifier names, from `file` (both repository-relative): `./x.js` is `./x.ts` in the sources. */
function resolveSpecifier(file: string, specifier: string): string {
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  return target.replace(/\.js$/, '.ts').replace(/\.mjs$/, '.mts').replace(/\.cjs$/, '.cts');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(repoRoot, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.[mc]?ts$/.test(f))
    .map((f) => `${dir}/${f.split(path.sep).join('/')}`)
    .sort();
}

/** The import graph of lib/ and cli/, read from the sources. */
function readGraph(): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of [...sourceFiles('lib'), ...sourceFiles('cli')]) {
    const source = readFileSync(path.join(repoRoot, file), 'utf8');
    graph.set(file, [...new Set(importsOf(source).map((s) => resolveSpecifier(file, s)))]);
  }
  return graph;
}

/** The import cycles: each strongly connected set of two or more files, or a file importing itself; sorted. */
function findCycles(graph: ImportGraph): string[][] {
  // Tarjan's algorithm: one depth-first walk; a file is the root of a set when nothing below it
  // reaches a file found earlier that is still open.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const open = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    open.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (open.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const set: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      open.delete(member);
      set.push(member);
    } while (member !== file);
    if (set.length > 1 || graph.get(file)!.includes(file)) cycles.push(set.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** The unit of a file under lib/: its folder (`parse/`) or, at the top, the file (`types.ts`). */
function unitOf(file: string): string {
  const [, first, second] = file.split('/');
  return second === undefined ? first! : `${first}/`;
}

/** Each import of a file under lib/ that goes against `order`, or outside lib/, as one line. */
function orderViolations(graph: ImportGraph, order: readonly string[]): string[] {
  const out: string[] = [];
  for (const [file, imports] of graph) {
    if (!file.startsWith('lib/')) continue;
    const rank = order.indexOf(unitOf(file));
    if (rank < 0) out.push(`${file}: ${unitOf(file)} is not in the import order`);
    for (const target of imports) {
      if (!target.startsWith('lib/')) out.push(`${file} imports ${target}, outside lib/`);
      else if (order.indexOf(unitOf(target)) > rank && rank >= 0) out.push(`${file} imports ${target}: ${unitOf(target)} comes after ${unitOf(file)}`);
    }
  }
  return out;
}

const graphOf = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

test('the import reader finds every form of import and re-export, and nothing in a string or a name', () => {
  const rows: [string, string[]][] = [
    ["import { a } from './a.js';", ['./a.js']],
    ["import type { A } from '../types.js';", ['../types.js']],
    ["import {\n  a,\n  b,\n} from './multi.js';", ['./multi.js']],
    ["export { a } from './a.js';\nexport * from \"./star.js\";\nexport type * from './t.js';", ['./a.js', './star.js', './t.js']],
    ["import './side-effect.js';", ['./side-effect.js']],
    ["let d: import('./typed.js').T;\nconst m = await import('./dynamic.js');", ['./typed.js', './dynamic.js']],
    ["import * as path from 'node:path';\nimport { parse } from 'acorn';", []],
    ["const s = \"import x from './in-a-string.js'\";\nexport const from = 1;\nexport function f() { return 'from'; }", []],
  ];
  for (const [source, expected] of rows) assert.deepEqual(importsOf(source), expected, source);
});

test('the cycle finder finds each cycle once, a file importing itself included, and nothing in a graph without one', () => {
  const rows: [Record<string, string[]>, string[][]][] = [
    [{ a: ['b'], b: ['c'], c: [] }, []],
    [{ a: ['b'], b: ['c'], c: ['a'], d: ['a'] }, [['a', 'b', 'c']]],
    [{ a: ['a'], b: ['a'] }, [['a']]],
    [{ a: ['b'], b: ['a'], c: ['d'], d: ['e'], e: ['c'], f: ['a', 'c'] }, [['a', 'b'], ['c', 'd', 'e']]],
    // A type-only import is an edge like any other; an import of a file outside the graph is not.
    [{ a: ['b', 'outside'], b: ['a'] }, [['a', 'b']]],
  ];
  for (const [edges, expected] of rows) assert.deepEqual(findCycles(graphOf(edges)), expected, JSON.stringify(edges));
});

test('the order check reports an import of a later unit, a unit not in the order, and an import from outside lib/', () => {
  const order = ['types.ts', 'parse/', 'evaluate/'];
  assert.deepEqual(orderViolations(graphOf({ 'lib/evaluate/index.ts': ['lib/parse/index.ts', 'lib/types.ts', 'lib/evaluate/value.ts'] }), order), []);
  assert.deepEqual(orderViolations(graphOf({ 'lib/parse/index.ts': ['lib/evaluate/value.ts'] }), order), ['lib/parse/index.ts imports lib/evaluate/value.ts: evaluate/ comes after parse/']);
  assert.deepEqual(orderViolations(graphOf({ 'lib/types.ts': ['lib/parse/index.ts'] }), order), ['lib/types.ts imports lib/parse/index.ts: parse/ comes after types.ts']);
  assert.deepEqual(orderViolations(graphOf({ 'lib/new/x.ts': ['lib/types.ts'] }), order), ['lib/new/x.ts: new/ is not in the import order']);
  assert.deepEqual(orderViolations(graphOf({ 'lib/parse/index.ts': ['cli/main.ts'] }), order), ['lib/parse/index.ts imports cli/main.ts, outside lib/']);
  // The CLI may import any of lib/.
  assert.deepEqual(orderViolations(graphOf({ 'cli/main.ts': ['lib/index.ts', 'lib/verify/index.ts'] }), order), []);
});

test('the import graph read from lib/ and cli/ has the edges it must have', () => {
  const graph = readGraph();
  assert.ok(graph.size > 150, `only ${graph.size} files read`);
  // One of each form: a value import, a type-only import, a re-export.
  assert.ok(graph.get('lib/analyze.ts')!.includes('lib/graph/index.ts'));
  assert.ok(graph.get('lib/report.ts')!.includes('lib/diagnostics/index.ts'));
  assert.ok(graph.get('lib/index.ts')!.includes('lib/types.ts'));
  assert.ok(graph.get('cli/dispatch.ts')!.some((f) => f.startsWith('lib/')));
});

test('no file of lib/ or cli/ imports another in a cycle', () => {
  const cycles = findCycles(readGraph());
  assert.deepEqual(cycles, [], `import cycles:\n${cycles.map((c) => c.join(' ↔ ')).join('\n')}`);
});

test('each unit of lib/ imports only itself and the units before it, and nothing outside lib/', () => {
  const violations = orderViolations(readGraph(), importOrder);
  assert.deepEqual(violations, [], violations.join('\n'));
});

test('every unit of lib/ is in the import order, and docs/architecture.md lists the same order', () => {
  const units = new Set([...readGraph().keys()].filter((f) => f.startsWith('lib/')).map(unitOf));
  assert.deepEqual([...units].filter((u) => !importOrder.includes(u)), []);
  assert.deepEqual(importOrder.filter((u) => !units.has(u)), [], 'a unit in the order that lib/ does not have');
  const doc = readFileSync(path.join(repoRoot, 'docs/architecture.md'), 'utf8');
  const block = /## Import order[\s\S]*?```\n([\s\S]*?)```/.exec(doc);
  assert.ok(block, 'docs/architecture.md has no "## Import order" section with a code block');
  assert.deepEqual(block[1]!.match(/[\w.-]+(?:\/|\.ts)/g), importOrder);
});
