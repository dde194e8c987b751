// The per-file records entry (lib/cache/records.ts RecordPack) is written as each record is made:
// while a run goes on its records are in a temporary file of the cache folder, not in memory, and
// no entry exists until `save` renames it into place; a run that is not stored leaves nothing. The
// entry read back gives every record as it was put; after an edit it keeps the records the run
// used or made and drops the others; a body that is not whole frames gives nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { serialize } from 'node:v8';
import { RecordPack } from '../lib/cache/records.js';
import { EntryWriter, writeEntryPieces } from '../lib/cache/store.js';
import { mkdtempSync } from './support/temp-dirs.js';

const maxBytes = 1 << 30;
const files = (dir: string): string[] => fs.readdirSync(dir).sort();
// Some 8 KB each: fifty pass the writer's batch (256 KiB), so some reach the file before save.
const record = (i: number) => ({ needs: [{ file: `/p/f${i}.js`, é: '😀'.repeat(i), fill: 'r'.repeat(8000) }], questions: new Map([[i, [i]]]), bytes: new Uint8Array([i, 255 - i]) });

test('records are written as they are made: a temporary file until save, then one entry that gives each record back', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'npp-record-pack-'));
  const pack = new RecordPack(dir, 'k-records', maxBytes);
  for (let i = 0; i < 50; i++) pack.put(`/p/f${i}.js`, `hash${i} cjs`, record(i));
  const during = files(dir);
  assert.equal(during.length, 1, 'one file while the run goes on');
  assert.match(during[0]!, /^k-records\.\d+\.[0-9a-f]{12}\.tmp$/, 'and it is a temporary file, not an entry');
  assert.ok(fs.statSync(path.join(dir, during[0]!)).size > 200 * 1024, 'holding the records made so far');
  pack.save();
  assert.deepEqual(files(dir), ['k-records.entry']);
  const read = new RecordPack(dir, 'k-records', maxBytes);
  for (let i = 0; i < 50; i++) assert.deepEqual(read.get(`/p/f${i}.js`, `hash${i} cjs`), record(i));
  assert.equal(read.get('/p/f0.js', 'hash1 cjs'), undefined, 'by file and content');
});

test('a run that is not stored leaves no file; one that made nothing new and used every record leaves the entry as it was', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'npp-record-pack-'));
  const failed = new RecordPack(dir, 'k-records', maxBytes);
  failed.put('/p/a.js', 'h cjs', record(1));
  failed.discard();
  assert.deepEqual(files(dir), []);
  const made = new RecordPack(dir, 'k-records', maxBytes);
  made.put('/p/a.js', 'h cjs', record(1));
  made.save();
  const entry = path.join(dir, 'k-records.entry');
  const before = fs.readFileSync(entry);
  fs.utimesSync(entry, new Date(0), new Date(0));
  const reused = new RecordPack(dir, 'k-records', maxBytes);
  assert.deepEqual(reused.get('/p/a.js', 'h cjs'), record(1));
  reused.taken('/p/a.js', 'h cjs');
  const run = reused.runId;
  reused.save();
  assert.equal(reused.runId, run, 'the entry left in place: its run stays the one the report names');
  assert.deepEqual(files(dir), ['k-records.entry'], 'no temporary file');
  assert.deepEqual(fs.readFileSync(entry), before);
  assert.ok(fs.statSync(entry).mtimeMs > 0, 'only its time set, as an entry used');
});

test('after an edit: the records taken or made are kept, a record made again replaces the stored one, the others go', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'npp-record-pack-'));
  const first = new RecordPack(dir, 'k-records', maxBytes);
  for (const name of ['a', 'b', 'c', 'd']) first.put(`/p/${name}.js`, `${name}1 cjs`, { name, run: 1 });
  first.save();
  const second = new RecordPack(dir, 'k-records', maxBytes);
  assert.deepEqual(second.get('/p/a.js', 'a1 cjs'), { name: 'a', run: 1 });
  second.taken('/p/a.js', 'a1 cjs');
  // d's record was handed out, its answers differed, and its examination gave none: this run did not rest on it.
  assert.deepEqual(second.get('/p/d.js', 'd1 cjs'), { name: 'd', run: 1 });
  // b's record was handed out, then its answers differed: it was examined and recorded again.
  assert.deepEqual(second.get('/p/b.js', 'b1 cjs'), { name: 'b', run: 1 });
  second.put('/p/b.js', 'b1 cjs', { name: 'b', run: 2 });
  // c was edited: its old content's record is not asked for, its new content's is made.
  second.put('/p/c.js', 'c2 cjs', { name: 'c', run: 2 });
  second.save();
  const third = new RecordPack(dir, 'k-records', maxBytes);
  assert.deepEqual(third.get('/p/a.js', 'a1 cjs'), { name: 'a', run: 1 });
  assert.deepEqual(third.get('/p/b.js', 'b1 cjs'), { name: 'b', run: 2 });
  assert.deepEqual(third.get('/p/c.js', 'c2 cjs'), { name: 'c', run: 2 });
  assert.equal(third.get('/p/c.js', 'c1 cjs'), undefined, 'content gone is dropped');
  assert.equal(third.get('/p/d.js', 'd1 cjs'), undefined, 'a record handed out and not taken is dropped');
  assert.ok(third.runId !== undefined && third.runId === second.runId, 'read back with the run that wrote it');
});

test('rekeyed: every record and memo kept, the changed files\' records under their new content, and a new run', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'npp-record-pack-'));
  const first = new RecordPack(dir, 'k-records', maxBytes);
  first.put('/p/a.js', 'a1 cjs', { name: 'a' });
  first.put('/p/b.js', 'b1 cjs detectable', { name: 'b' });
  first.addMemo('/p/a.js', 'a1 cjs', { memo: 'a' });
  first.save();
  const second = new RecordPack(dir, 'k-records', maxBytes);
  const before = second.runId;
  second.rekeyed((file, content) => (file === '/p/b.js' && content === 'b1 cjs detectable' ? 'b2 cjs detectable' : undefined));
  assert.ok(second.runId !== undefined && second.runId !== before);
  const third = new RecordPack(dir, 'k-records', maxBytes);
  assert.equal(third.runId, second.runId);
  assert.deepEqual(third.get('/p/b.js', 'b2 cjs detectable'), { name: 'b' });
  assert.equal(third.get('/p/b.js', 'b1 cjs detectable'), undefined);
  assert.deepEqual(third.get('/p/a.js', 'a1 cjs'), { name: 'a' });
  assert.deepEqual(third.memos('/p/a.js', 'a1 cjs'), [{ memo: 'a' }]);
});

test('records past the bound leave no entry; a body that is not whole frames gives no record', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'npp-record-pack-'));
  const bounded = new RecordPack(dir, 'k-records', 20_000);
  for (let i = 0; i < 50; i++) bounded.put(`/p/f${i}.js`, `h${i} cjs`, record(i));
  bounded.save();
  assert.deepEqual(files(dir), []);
  const whole = new RecordPack(dir, 'k-records', maxBytes);
  whole.put('/p/a.js', 'h cjs', record(1));
  whole.put('/p/b.js', 'h cjs', record(2));
  whole.save();
  const entry = path.join(dir, 'k-records.entry');
  const body = fs.readFileSync(entry).subarray(fs.readFileSync(entry).indexOf(10) + 1);
  // The checksum holds in each; the body does not: cut inside a frame, one byte more, the format before frames (one serialized Map).
  for (const bad of [body.subarray(0, body.length - 1), Buffer.concat([body, Buffer.from([0])]), serialize(new Map([['/p/a.js\0h cjs', serialize(record(1))]]))]) {
    assert.ok(writeEntryPieces(dir, 'k-records', [bad], maxBytes));
    assert.equal(new RecordPack(dir, 'k-records', maxBytes).get('/p/a.js', 'h cjs'), undefined);
  }
});

test('EntryWriter: pieces written over time make the entry writeEntryPieces writes at once; abandoned, no file', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'npp-record-pack-'));
  // Small and large pieces, bytes and text, across the writer's batch.
  const pieces: (string | Buffer)[] = [];
  for (let i = 0; i < 3000; i++) pieces.push(i % 3 === 0 ? Buffer.from(`bytes ${i} ${'é'.repeat(i % 50)}\n`) : `text ${i} 😀\n`);
  pieces.push(Buffer.alloc(300 * 1024, 7), 'x'.repeat(100 * 1024), 'end\n');
  assert.ok(writeEntryPieces(dir, 'at-once', pieces, maxBytes));
  const writer = EntryWriter.open(dir, 'over-time', maxBytes)!;
  for (const piece of pieces) assert.ok(writer.write(piece));
  assert.ok(writer.commit());
  assert.deepEqual(fs.readFileSync(path.join(dir, 'over-time.entry')), fs.readFileSync(path.join(dir, 'at-once.entry')));
  const dropped = EntryWriter.open(dir, 'dropped', maxBytes)!;
  dropped.write('a\n');
  dropped.abandon();
  assert.deepEqual(files(dir), ['at-once.entry', 'over-time.entry']);
});

test('memos: kept with their record for the next run when used or made, dropped when unused or when the record is made again; a damaged memo frame gives none', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'npp-record-pack-'));
  const first = new RecordPack(dir, 'k-records', maxBytes);
  first.put('/p/a.js', 'ha cjs', record(1));
  first.put('/p/b.js', 'hb cjs', record(2));
  first.addMemo('/p/c.js', 'hc cjs', { nope: 1 });
  first.save();
  // A run that takes both records: memos made for both.
  const second = new RecordPack(dir, 'k-records', maxBytes);
  assert.deepEqual(second.get('/p/a.js', 'ha cjs'), record(1));
  assert.deepEqual(second.get('/p/b.js', 'hb cjs'), record(2));
  second.taken('/p/a.js', 'ha cjs');
  second.taken('/p/b.js', 'hb cjs');
  assert.deepEqual(second.memos('/p/a.js', 'ha cjs'), [], 'none yet');
  second.addMemo('/p/a.js', 'ha cjs', { memo: 'a1' });
  second.addMemo('/p/a.js', 'ha cjs', { memo: 'a2' });
  second.addMemo('/p/b.js', 'hb cjs', { memo: 'b1' });
  second.save();
  const third = new RecordPack(dir, 'k-records', maxBytes);
  for (const f of ['a', 'b']) third.get(`/p/${f}.js`, `h${f} cjs`), third.taken(`/p/${f}.js`, `h${f} cjs`);
  assert.deepEqual(third.memos('/p/a.js', 'ha cjs'), [{ memo: 'a1' }, { memo: 'a2' }]);
  assert.deepEqual(third.memos('/p/b.js', 'hb cjs'), [{ memo: 'b1' }]);
  assert.deepEqual(third.memos('/p/c.js', 'hc cjs'), [], 'a memo without its record is not kept');
  third.keepMemo('/p/a.js', 'ha cjs', 1);
  // b.js examined again: its memos are another examination's.
  third.put('/p/b.js', 'hb cjs', record(3));
  third.save();
  const fourth = new RecordPack(dir, 'k-records', maxBytes);
  for (const f of ['a', 'b']) fourth.get(`/p/${f}.js`, `h${f} cjs`), fourth.taken(`/p/${f}.js`, `h${f} cjs`);
  assert.deepEqual(fourth.memos('/p/a.js', 'ha cjs'), [{ memo: 'a2' }], 'the memo used is kept, the unused one goes');
  assert.deepEqual(fourth.memos('/p/b.js', 'hb cjs'), []);
  // A memos frame whose body is not a list of serialized memos: no memo, the record still given.
  fourth.addMemo('/p/a.js', 'ha cjs', { memo: 'a3' });
  fourth.save();
  const entry = path.join(dir, 'k-records.entry');
  const text = fs.readFileSync(entry);
  const frames = text.subarray(text.indexOf('\n') + 1);
  const bad = Buffer.from(serialize({ not: 'a list' }));
  const id = Buffer.from('/p/a.js\0ha cjs\0memos');
  const head = Buffer.alloc(8 + id.length);
  head.writeUInt32LE(id.length, 0);
  id.copy(head, 4);
  head.writeUInt32LE(bad.length, 4 + id.length);
  writeEntryPieces(dir, 'k-records', [Buffer.concat([frames, head, bad])], maxBytes);
  const fifth = new RecordPack(dir, 'k-records', maxBytes);
  assert.deepEqual(fifth.get('/p/a.js', 'ha cjs'), record(1));
  assert.deepEqual(fifth.memos('/p/a.js', 'ha cjs'), []);
});
