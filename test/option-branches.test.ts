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
