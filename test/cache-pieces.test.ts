// The cache entry written piece by piece (store.ts writeEntryPieces) is the entry written at
// once: the same bytes on disk behind the same checksum, and no entry at all when it is too large
// or a piece cannot be written. A value in lines (lib/cache/json-lines.ts) reads back as
// JSON.parse(JSON.stringify(value)), and an entry read a line at a time (store.ts eachEntryLine)
// gives its lines and says whether its checksum held.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { jsonLines, JsonLinesReader } from '../lib/cache/json-lines.js';
import { eachEntryLine, writeEntry, writeEntryPieces } from '../lib/cache/store.js';
import { mkdtempSync } from './support/temp-dirs.js';

const values: unknown[] = [
  undefined,
  null,
  0,
  Number.NaN,
  'plain',
  [],
  {},
  [1, undefined, () => 1, Symbol('s'), [[[]]], { a: [undefined] }],
  { a: 1, skip: undefined, f: () => 1, s: Symbol('s'), nested: { deeper: { deepest: [1, { x: 'é😀' }] } }, '': '"quoted"\n' },
  { when: new Date(0), map: new Map([[1, 2]]), set: new Set([1]), list: [new Date(1), { toJSON: () => 'custom' }] },
  { key: 'k', questions: [['kind', '/p', 'file'], ['readFile', '/p/a.js', 'sha256:x']], report: { flags: ['--permission'], policy: { fsRead: [{ path: '/p', sites: [] }] } } },
  { 2: 'two', 1: 'one', b: 'b', a: 'a' },
];

/** The value `lines` build, or undefined when a line does not belong or a container is left open. */
function readBack(lines: Iterable<string>): { value: unknown } | undefined {
  const reader = new JsonLinesReader();
  for (const line of lines) if (!reader.add(line)) return undefined;
  return reader.value();
}

test('jsonLines: read back, the value is JSON.parse(JSON.stringify(value)), at every depth, key order included', () => {
  for (const value of values) {
    for (let depth = 0; depth <= 6; depth++) {
      const lines = [...jsonLines(value, depth)];
      const what = `depth ${depth}: ${String(JSON.stringify(value))}`;
      assert.ok(lines.every((l) => !l.includes('\n')), `no line break inside a line, ${what}`);
      const back = readBack(lines);
      assert.ok(back, what);
      assert.equal(JSON.stringify(back.value), JSON.stringify(value) ?? 'null', what);
      assert.deepEqual(back.value, JSON.parse(JSON.stringify(value) ?? 'null'), what);
    }
  }
});

test('jsonLines: a member named __proto__ stays a member, as JSON.parse makes it', () => {
  const text = '{"a":{"__proto__":{"polluted":true},"b":[{"__proto__":1}]}}';
  const back = readBack(jsonLines(JSON.parse(text), 4))!.value as { a: object };
  assert.equal(JSON.stringify(back), text);
  assert.equal(Object.getPrototypeOf(back.a), Object.prototype);
  assert.equal(({} as { polluted?: boolean }).polluted, undefined);
});

test('JsonLinesReader: lines that do not make one value are refused', () => {
  const refused: string[][] = [
    ['{', '=1', '}'], // a value without its member's name
    ['[', ':"a"', '=1', ']'], // a name in an array
    ['{', ':"a"', ':"b"', '=1', '}'], // two names
    ['{', ':"a"', '}'], // a name without its value
    ['[', '}'], // the wrong close
    [']'], // nothing to close
    ['=1', '=2'], // two values
    ['=nope'], // not JSON
    [':1'], // a name that is not a string
    ['[x'], // an open line with more on it
    ['x'], // no tag
    [''],
  ];
  for (const lines of refused) assert.equal(readBack(lines), undefined, JSON.stringify(lines));
  assert.equal(readBack(['[', '=1']), undefined, 'left open');
  assert.equal(readBack([]), undefined, 'nothing');
});

test('jsonLines: a value JSON cannot write throws', () => {
  const cycle: Record<string, unknown> = {};
  cycle.self = { back: cycle };
  assert.throws(() => [...jsonLines({ big: 1n }, 3)]);
  assert.throws(() => [...jsonLines(cycle, 1)]);
});

const header = (body: Buffer): string => `node-permission-policy analysis cache 5 ${createHash('sha256').update(body).digest('hex')}\n`;

/** `text` cut into pieces of about `size` characters, never inside a surrogate pair. */
function cut(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let at = 0; at < text.length; ) {
    let end = Math.min(at + size, text.length);
    if (/[\uD800-\uDBFF]/.test(text[end - 1]!)) end++;
    pieces.push(text.slice(at, end));
    at = end;
  }
  return pieces;
}

test('writeEntryPieces: the bytes of the entry written at once', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'npp-cache-pieces-'));
  // Over a megabyte of text, with multi-byte characters across the batches it is encoded in.
  const value = { list: Array.from({ length: 40_000 }, (_, i) => ({ i, name: `módulo-${i}-😀` })) };
  const text = JSON.stringify(value);
  assert.ok(writeEntry(dir, 'whole', text, 1 << 30));
  assert.ok(writeEntryPieces(dir, 'pieces', cut(text, 1000), 1 << 30));
  assert.ok(writeEntryPieces(dir, 'mixed', ['{"list":', Buffer.from(JSON.stringify(value.list)), '}'], 1 << 30));
  const whole = fs.readFileSync(path.join(dir, 'whole.entry'));
  assert.equal(whole.toString('utf8'), header(Buffer.from(text)) + text);
  assert.deepEqual(fs.readFileSync(path.join(dir, 'pieces.entry')), whole);
  assert.deepEqual(fs.readFileSync(path.join(dir, 'mixed.entry')), whole);
});

test('writeEntryPieces: an entry over the bound, or a piece that throws, leaves no file', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'npp-cache-pieces-'));
  const text = JSON.stringify({ a: 'x'.repeat(1000) });
  assert.equal(writeEntryPieces(dir, 'big', [text], 1000), false);
  assert.equal(writeEntryPieces(dir, 'bigint', jsonLines({ a: 'x', b: 1n }, 2), 1 << 20), false);
  assert.deepEqual(fs.readdirSync(dir), []);
  // Exactly at the bound is kept, as before.
  const exact = Buffer.byteLength(header(Buffer.from(text))) + Buffer.byteLength(text);
  assert.ok(writeEntryPieces(dir, 'exact', [text], exact));
  assert.deepEqual(fs.readdirSync(dir), ['exact.entry']);
});

/** Every line of an entry and whether it was intact. */
function linesRead(dir: string, name: string, maxBytes = 1 << 30): { lines: string[]; intact: boolean } {
  const lines: string[] = [];
  const intact = eachEntryLine(dir, name, maxBytes, (line) => lines.push(line) > 0);
  return { lines, intact };
}

test('eachEntryLine: the lines of the body, across the pieces it is read in, and whether the checksum held', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'npp-cache-pieces-'));
  // A line longer than what is read at a time (64 KiB), multi-byte characters across the pieces.
  const lines = ['k"key"', 'é😀'.repeat(400_000), ...Array.from({ length: 50_000 }, (_, i) => `=${JSON.stringify({ i, name: `módulo-${i}-😀` })}`), ''];
  assert.ok(writeEntryPieces(dir, 'lines', lines.map((l) => `${l}\n`), 1 << 30));
  assert.deepEqual(linesRead(dir, 'lines'), { lines, intact: true });
  const file = path.join(dir, 'lines.entry');
  const good = fs.readFileSync(file);
  const damage: [string, Buffer][] = [
    ['a byte changed', Buffer.from(good.toString('latin1').replace('-49999-', '-49990-'), 'latin1')],
    ['truncated after a line', good.subarray(0, good.lastIndexOf(10, good.length - 3) + 1)],
    ['truncated in a line', good.subarray(0, good.length - 5)],
    ['no header', good.subarray(good.indexOf(10) + 1)],
    ['another format', Buffer.from(good.toString('latin1').replace('analysis cache 5', 'analysis cache 4'), 'latin1')],
    ['empty', Buffer.alloc(0)],
  ];
  for (const [what, data] of damage) {
    assert.notDeepEqual(data, good, what);
    fs.writeFileSync(file, data);
    assert.equal(linesRead(dir, 'lines').intact, false, what);
  }
  assert.equal(linesRead(dir, 'missing').intact, false, 'no entry');
  fs.writeFileSync(file, good);
  assert.equal(linesRead(dir, 'lines', good.length - 1).intact, false, 'over the bound');
  assert.equal(linesRead(dir, 'lines', good.length).intact, true, 'at the bound');
});

test('eachEntryLine: an entry stopped early is not intact, and is left as it is', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'npp-cache-pieces-'));
  assert.ok(writeEntryPieces(dir, 'early', ['a\n', 'b\n'], 1 << 20));
  const seen: string[] = [];
  assert.equal(eachEntryLine(dir, 'early', 1 << 20, (line) => seen.push(line) < 1), false);
  assert.deepEqual(seen, ['a']);
  assert.deepEqual(fs.readdirSync(dir), ['early.entry']);
  assert.deepEqual(linesRead(dir, 'early'), { lines: ['a', 'b'], intact: true });
});
