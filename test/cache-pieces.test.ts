// The cache entry written piece by piece (lib/cache/json-chunks.ts, store.ts writeEntryPieces)
// is the entry written at once: the same JSON text, the same bytes on disk behind the same
// checksum, and no entry at all when it is too large or a piece cannot be written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { jsonChunks } from '../lib/cache/json-chunks.js';
import { readEntry, writeEntry, writeEntryPieces } from '../lib/cache/store.js';
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
];

test('jsonChunks: the pieces joined are JSON.stringify of the value, at every depth', () => {
  for (const value of values) {
    for (let depth = 0; depth <= 6; depth++) {
      assert.equal([...jsonChunks(value, depth)].join(''), JSON.stringify(value) ?? 'null', `depth ${depth}: ${String(JSON.stringify(value))}`);
    }
  }
});

test('jsonChunks: a value JSON cannot write throws', () => {
  const cycle: Record<string, unknown> = {};
  cycle.self = { back: cycle };
  assert.throws(() => [...jsonChunks({ big: 1n }, 3)]);
  assert.throws(() => [...jsonChunks(cycle, 1)]);
});

const header = (body: Buffer): string => `node-permission-policy analysis cache 1 ${createHash('sha256').update(body).digest('hex')}\n`;

test('writeEntryPieces: the bytes of the entry written at once, read back whole', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'npp-cache-pieces-'));
  // Over a megabyte of text, with multi-byte characters across the batches it is encoded in.
  const value = { list: Array.from({ length: 40_000 }, (_, i) => ({ i, name: `módulo-${i}-😀`, f: undefined })) };
  const text = JSON.stringify(value);
  assert.ok(writeEntry(dir, 'whole', text, 1 << 30));
  assert.ok(writeEntryPieces(dir, 'pieces', jsonChunks(value, 3), 1 << 30));
  assert.ok(writeEntryPieces(dir, 'mixed', ['{"list":', Buffer.from(JSON.stringify(value.list)), '}'], 1 << 30));
  const whole = fs.readFileSync(path.join(dir, 'whole.entry'));
  assert.equal(whole.toString('utf8'), header(Buffer.from(text)) + text);
  assert.deepEqual(fs.readFileSync(path.join(dir, 'pieces.entry')), whole);
  assert.deepEqual(fs.readFileSync(path.join(dir, 'mixed.entry')), whole);
  assert.equal(readEntry(dir, 'pieces', 1 << 30), text);
});

test('writeEntryPieces: an entry over the bound, or a piece that throws, leaves no file', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'npp-cache-pieces-'));
  const text = JSON.stringify({ a: 'x'.repeat(1000) });
  assert.equal(writeEntryPieces(dir, 'big', [text], 1000), false);
  assert.equal(writeEntryPieces(dir, 'bigint', jsonChunks({ a: 'x', b: 1n }, 2), 1 << 20), false);
  assert.deepEqual(fs.readdirSync(dir), []);
  // Exactly at the bound is kept, as before.
  const exact = Buffer.byteLength(header(Buffer.from(text))) + Buffer.byteLength(text);
  assert.ok(writeEntryPieces(dir, 'exact', [text], exact));
  assert.deepEqual(fs.readdirSync(dir), ['exact.entry']);
});
