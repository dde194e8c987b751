// The walks over every child of a node (lib/parse/nodes.ts: forEachChild, someChild, and the
// member-copy walk of lib/evaluate/capability-copy.ts) read each node's children through a
// table of child keys per node type, in place of `for…in`: a walk's order decides the order
// of what it finds, so the table must name every key that holds a node, in the order acorn
// sets it. These tests compare the table with `for…in` on every node of a source that uses
// every listed type and of every JavaScript file in the repository's fixtures, corpus and
// soundness folders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parser, type Node } from 'acorn';
import { CHILD_KEYS } from '../lib/parse/nodes.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every type of CHILD_KEYS, each at least once. */
const everyType = `
import def, { a as b } from 'm';
import * as ns from 'n' with { type: 'json' };
export { b as c };
export * as all from 'o';
export default class K extends Object { static x = 1; #p = 2; static { this.y = 1; } m() { super.m(); return this.#p; } }
export const d = async function* g(...rest) { yield* rest; await null; };
label: for (let i = 0; i < 1; i++) { if (i) continue label; else break label; }
for (const k in {}) ;
for await (const v of []) debugger;
do { throw new Error(\`x\${1}\`); } while (false);
while (0) { switch (1) { case 1: default: } }
try { tag\`t\`; } catch (e) { [a, ...r] = [1, 2]; } finally { ({ p = 1, q: [z] } = {}); }
const f = (x = 1) => x?.y ?? -x++ + (x, 1) ? import.meta : import('q', { with: {} });
function h(o) { return { ...o, [o]: o, k: class {} }; }
`;

/** What only a script may hold. */
const scriptOnly = 'with (Math) { max(1, 2); }';

function nodeKeysByForIn(node: Record<string, unknown>): string[] {
  const keys: string[] = [];
  for (const key in node) {
    if (key === 'type' || key === 'start' || key === 'end') continue;
    const value = node[key] as { type?: unknown } | null;
    if (value && typeof value === 'object' && (Array.isArray(value) || typeof value.type === 'string')) keys.push(key);
  }
  return keys;
}

/** Compares the table with for…in on every node of `ast`; returns the types met. */
function compare(ast: Node, where: string): Set<string> {
  const met = new Set<string>();
  const stack: Record<string, unknown>[] = [ast as unknown as Record<string, unknown>];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const type = node.type as string;
    met.add(type);
    const forIn = nodeKeysByForIn(node);
    const listed = CHILD_KEYS[type];
    if (listed) assert.deepEqual(listed.filter((k) => forIn.includes(k)), forIn, `${where}: ${type} at ${node.start as number}`);
    for (const key of forIn) {
      const value = node[key] as Record<string, unknown> | Record<string, unknown>[];
      for (const child of Array.isArray(value) ? value : [value]) if (child && typeof child.type === 'string') stack.push(child);
    }
  }
  return met;
}

function parse(source: string): Node | undefined {
  for (const sourceType of ['module', 'script'] as const) {
    try {
      return Parser.parse(source, { ecmaVersion: 'latest', sourceType, allowHashBang: true, allowReturnOutsideFunction: sourceType === 'script' });
    } catch {
      // The other source type, or a file that is not JavaScript (a fixture's deliberate syntax error).
    }
  }
  return undefined;
}

test('CHILD_KEYS: every listed type is met by the source that uses them all, and agrees with for…in there', () => {
  const met = new Set([...compare(parse(everyType)!, 'everyType'), ...compare(parse(scriptOnly)!, 'scriptOnly')]);
  const unmet = Object.keys(CHILD_KEYS).filter((t) => !met.has(t));
  assert.deepEqual(unmet, []);
});

test('CHILD_KEYS: a key left out, or two keys swapped, is caught', () => {
  const ast = parse('a[b] = c(d);')!;
  const forIn = (type: string) => {
    const stack: Record<string, unknown>[] = [ast as unknown as Record<string, unknown>];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.type === type) return nodeKeysByForIn(n);
      for (const k of nodeKeysByForIn(n)) for (const c of [n[k]].flat() as Record<string, unknown>[]) stack.push(c);
    }
    return undefined;
  };
  assert.deepEqual(forIn('AssignmentExpression'), CHILD_KEYS.AssignmentExpression);
  assert.notDeepEqual(forIn('AssignmentExpression'), ['right', 'left']);
  assert.notDeepEqual(forIn('CallExpression'), ['callee']);
});

test('CHILD_KEYS agrees with for…in on every JavaScript file of fixtures/, corpus/ and soundness/', () => {
  let files = 0;
  const walkFolder = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walkFolder(p);
      else if (entry.isFile() && /\.[cm]?js$/.test(entry.name)) {
        const ast = parse(fs.readFileSync(p, 'utf8'));
        if (!ast) continue;
        compare(ast, path.relative(repo, p));
        files++;
      }
    }
  };
  for (const folder of ['fixtures', 'corpus', 'soundness']) walkFolder(path.join(repo, folder));
  assert.ok(files > 100, `only ${files} files parsed`);
});
