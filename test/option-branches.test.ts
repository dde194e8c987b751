// Which conditions a call runs under are off when the options they read are left out
// (lib/detect/option-branches.ts): what turns an always-denied call into a warning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from 'acorn';
import { simple } from 'acorn-walk';
import { parseFile } from '../lib/parse/index.js';
import { offByDefault } from '../lib/detect/option-branches.js';

/** The condition offByDefault gives for the call of `sink()` in `code`. */
function conditionOfSink(code: string): string | undefined {
  const parsed = parseFile('/app/index.js', code, 'cjs', false, () => ({ file: 'index.js', line: 1, column: 1 }));
  assert.ok(parsed.ok);
  let call: Node | undefined;
  simple(parsed.model.ast, {
    CallExpression(n) {
      if (n.callee.type === 'Identifier' && n.callee.name === 'sink') call = n;
    },
  });
  assert.ok(call, code);
  return offByDefault(parsed.model, call);
}

const rows: [string, string | undefined][] = [
  ['if (this._fsync) sink()', 'this._fsync'],
  ['if (opts.fsync === true) sink()', 'opts.fsync === true'],
  ['opts.sync && sink()', 'opts.sync'],
  ['opts.sync ? sink() : 0', 'opts.sync'],
  ['if (!opts.noSync) {} else { sink() }', '!(!opts.noSync)'],
  ['if (process.env.FSYNC) sink()', 'process.env.FSYNC'],
  ['if (a.b) { if (c) sink() }', 'a.b'],
  // On unless turned off, or not readable as "left out": the call runs, as far as the analysis can tell.
  ['if (options.fsync !== false) sink()', undefined],
  ['if (!this._fsync) sink()', undefined],
  ['opts.skip || sink()', undefined],
  ['if (opts.a) {} else sink()', undefined],
  ['if (enabled) sink()', undefined],
  ['if (check()) sink()', undefined],
  ["if (process.platform === 'win32') sink()", undefined],
  ['sink()', undefined],
  // A function defined in the branch may be called from anywhere: the branch decides nothing.
  ['if (opts.x) { exports.f = () => sink() }', undefined],
];

test('offByDefault reads a condition with its options left out', () => {
  for (const [code, expected] of rows) assert.equal(conditionOfSink(code), expected, code);
});

/**
 * The branches around a call are found by descending to it by position; a node the file's tree
 * does not hold (a code string's, placed at its call) by its range among the branches of a walk
 * of the whole file. Both ways must agree: each row is asked for the call and for a copy of it
 * (same range, not in the tree), outermost and innermost.
 */
test('offByDefault gives the same condition for a node outside the tree, found by its range', () => {
  const shapes = [
    ...rows.map(([code]) => code),
    'if (a.x) { if (b.y) { sink() } }',
    'a.x ? (b.y ? sink() : 0) : 0',
    'a.x && (b.y || sink())',
    'if (a.x) { [1].forEach(function () { if (b.y) sink() }) }',
    'if (a.x) (() => b.y && sink())()',
    'if (a.x) sink(); else if (b.y) sink2()',
    'class C { m() { if (this.opt) sink() } }',
  ];
  for (const code of shapes) {
    const parsed = parseFile('/app/index.js', code, 'cjs', false, () => ({ file: 'index.js', line: 1, column: 1 }));
    assert.ok(parsed.ok);
    let call: Node | undefined;
    simple(parsed.model.ast, {
      CallExpression(n) {
        if (n.callee.type === 'Identifier' && n.callee.name === 'sink') call = n;
      },
    });
    assert.ok(call, code);
    const copy = { ...call } as Node;
    for (const innermost of [false, true]) assert.equal(offByDefault(parsed.model, copy, undefined, innermost), offByDefault(parsed.model, call, undefined, innermost), `${code} (innermost: ${innermost})`);
  }
  // The copy is no node of the tree (the descent finds nothing), yet its condition is found.
  const parsed = parseFile('/app/index.js', 'if (a.x) { if (b.y) sink() }', 'cjs', false, () => ({ file: 'index.js', line: 1, column: 1 }));
  assert.ok(parsed.ok);
  let call: Node | undefined;
  simple(parsed.model.ast, { CallExpression: (n) => void (call = n) });
  assert.equal(offByDefault(parsed.model, { ...call! } as Node, undefined, true), 'b.y');
  assert.equal(offByDefault(parsed.model, call!, undefined, true), 'b.y');
});
