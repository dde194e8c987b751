// positionOf (lib/parse/index.ts): a node's offset as acorn's line and column, with every line
// break ECMAScript counts (\n, \r\n, a lone \r, U+2028, U+2029), checked against acorn's own
// locations for each identifier.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, type Program } from 'acorn';
import { simple } from 'acorn-walk';
import { parseFile, positionOf } from '../lib/parse/index.js';

function check(source: string): void {
  const parsed = parseFile('/app/index.js', source, 'cjs', false, () => ({ file: 'index.js', line: 1, column: 1 }));
  assert.ok(parsed.ok);
  const withLocations = parse(source, { ecmaVersion: 'latest', locations: true }) as Program;
  let seen = 0;
  simple(withLocations, {
    Identifier(id) {
      seen++;
      assert.deepEqual(positionOf(parsed.model, id.start), { line: id.loc!.start.line, column: id.loc!.start.column }, `${JSON.stringify(source)} at ${id.name}`);
    },
  });
  assert.ok(seen > 0);
}

test('positionOf: lines broken by \\n alone', () => {
  check('a;\nbb;\n\n  ccc;\n');
  check('first');
  check('\n\n\nx');
});

test('positionOf: hundreds of lines, with \\n alone and with \\r\\n and \\r', () => {
  check('x;\n'.repeat(200));
  check('a;\r\nb;\r'.repeat(100));
});

test('positionOf: \\r\\n, a lone \\r, U+2028 and U+2029 each break a line once', () => {
  check('a;\r\nb;\rc;\u2028d;\u2029e;\n f;');
  check('\r\n\r\n  x;\r\r y;');
  check('a;\u2028\u2029b');
});
