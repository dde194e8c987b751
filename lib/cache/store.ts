// Cache entries on disk: one file per key, written to a temporary name and renamed into place
// (a reader sees the old entry or the new one, never half of one), with a checksum of its body
// in the first line (a truncated or damaged entry is ignored and rebuilt, never trusted). The
// folder is kept under a size bound by removing the entries used longest ago.

import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

// 5: each entry names the run that wrote the records entry (its first frame, and a line after the
// report entry's key), so a run after an edit can take the stored report when the edited files
// examine to their records (index.ts sameReport); 4: the records entry also holds frames of the memos of replays and folds kept with a record
// (records.ts, graph/replay-memo.ts); 3: the records entry in frames written as each record is
// made, where 2 held them as one serialized Map; 2: the report entry in lines (json-lines.ts);
// 1 was one JSON text.
const magic = 'node-permission-policy analysis cache 5';
const suffix = '.entry';
/** A temporary file older than this was left by a killed run. */
const staleTempMs = 60 * 60 * 1000;

/** Default bound of the cache folder's entries, in bytes. */
export const defaultMaxBytes = 256 * 1024 * 1024;

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * The body of the entry `name` as bytes (the per-file records, records.ts), or undefined when
 * there is none or it is not intact. A used entry has its time set to now, so eviction removes
 * the ones used longest ago.
 */
export function readEntryBytes(dir: string, name: string, maxBytes: number): Buffer | undefined {
  const file = path.join(dir, name + suffix);
  let data: Buffer;
  try {
    if ((fs.statSync(file, { throwIfNoEntry: false })?.size ?? Infinity) > maxBytes) return undefined;
    data = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const newline = data.indexOf(10);
  if (newline < 0) return undefined;
  const head = data.subarray(0, newline).toString('latin1');
  const body = data.subarray(newline + 1);
  if (head !== `${magic} ${sha256(body)}`) return undefined;
  touch(file);
  return body;
}

/**
 * Bytes read from an entry at a time by `entryLines`, and decoded at once: the text stays under
 * the size V8 makes a large object of (kept until a full collection).
 */
const readBytes = 64 * 1024;

/**
 * Hands `each` the lines of the entry `name`'s body as text, read a piece at a time (the body is
 * never whole in memory), until `each` returns false. True when every line was handed out and the
 * body was intact (its checksum held): what the lines said is only to be trusted then. False when
 * there is no entry, it is not intact, its header is not ours, or `each` stopped it.
 */
export function eachEntryLine(dir: string, name: string, maxBytes: number, each: (line: string) => boolean): boolean {
  const file = path.join(dir, name + suffix);
  let fd: number;
  try {
    if ((fs.statSync(file, { throwIfNoEntry: false })?.size ?? Infinity) > maxBytes) return false;
    fd = fs.openSync(file, 'r');
  } catch {
    return false;
  }
  let intact: boolean;
  try {
    intact = linesOf(fd, each);
  } finally {
    fs.closeSync(fd);
  }
  if (intact) touch(file);
  return intact;
}

/** eachEntryLine's work: the header's checksum, then the body's lines, hashed as they are read. */
function linesOf(fd: number, each: (line: string) => boolean): boolean {
  const chunk = Buffer.allocUnsafe(readBytes);
  const hash = createHash('sha256');
  let expected: string | undefined;
  // The bytes after the last line break read: the start of a line.
  let partial: Buffer[] = [];
  for (let got = readSome(fd, chunk); got > 0; got = readSome(fd, chunk)) {
    const last = chunk.lastIndexOf(10, got - 1);
    if (last < 0) {
      partial.push(Buffer.from(chunk.subarray(0, got)));
      continue;
    }
    // Whole lines: a line break is one byte of its own in UTF-8, so no character is cut.
    let lines = partial.length === 0 ? chunk.subarray(0, last + 1) : Buffer.concat([...partial, chunk.subarray(0, last + 1)]);
    partial = last + 1 < got ? [Buffer.from(chunk.subarray(last + 1, got))] : [];
    if (expected === undefined) {
      const end = lines.indexOf(10);
      expected = lines.toString('latin1', 0, end);
      if (!expected.startsWith(`${magic} `)) return false;
      lines = lines.subarray(end + 1);
    }
    hash.update(lines);
    const text = lines.toString('utf8');
    for (let from = 0, nl = text.indexOf('\n'); nl >= 0; from = nl + 1, nl = text.indexOf('\n', from)) if (!each(text.slice(from, nl))) return false;
  }
  // A body ends with a line break: what follows the last one is damage.
  return partial.length === 0 && expected === `${magic} ${hash.digest('hex')}`;
}

/** Reads into `chunk` from the current position: the number of bytes, 0 at the end. */
const readSome = (fd: number, chunk: Buffer): number => fs.readSync(fd, chunk, 0, chunk.length, null);

function touch(file: string): void {
  try {
    const now = new Date();
    fs.utimesSync(file, now, now);
  } catch {
    // removed meanwhile by another run's eviction: the body read is still whole
  }
}

/**
 * Writes the entry `name` atomically (a temporary file in the same folder, then rename), then
 * keeps the folder under `maxBytes`. Returns false when the folder cannot be written: the cache
 * is then simply not used.
 */
export function writeEntry(dir: string, name: string, body: string, maxBytes: number): boolean {
  return writeEntryPieces(dir, name, [body], maxBytes);
}

/** The header's length: the magic, a space, the checksum's 64 hex digits and a newline. */
const headerBytes = Buffer.byteLength(`${magic} `) + 64 + 1;
/** Text pieces are encoded into a buffer of this size, written when full. */
const batchBytes = 256 * 1024;

/**
 * writeEntry with a body given in pieces, text or bytes, whose concatenation is the body: the
 * pieces are written as they come, with the checksum computed on the way and written into the
 * header last, so the whole body is never in memory at once. A piece that throws (a value
 * JSON cannot write) leaves no entry, as does a body over `maxBytes`.
 */
export function writeEntryPieces(dir: string, name: string, pieces: Iterable<string | Buffer>, maxBytes: number): boolean {
  const writer = EntryWriter.open(dir, name, maxBytes);
  if (writer === undefined) return false;
  try {
    for (const piece of pieces) if (!writer.write(piece)) break;
  } catch {
    writer.abandon();
    return false;
  }
  return writer.commit();
}

/**
 * An entry being written, piece by piece, into a temporary file of its own in the cache folder:
 * `commit` puts the checksum into the header and renames the file into place, `abandon` removes
 * it. Pieces may come over a whole run (the per-file records, records.ts, are written as each is
 * made, so none is kept in memory until the end); a killed run leaves the temporary file, which
 * a later run's eviction removes once it is stale.
 */
export class EntryWriter {
  private readonly hash = createHash('sha256');
  /** Where the next bytes go in the file: after the header, which is written last. */
  private at = headerBytes;
  // Text and small byte pieces are copied into one buffer, reused: pieces joined into a string of
  // a megabyte would each be a large object of V8's, kept until a full collection.
  private readonly batch = Buffer.allocUnsafe(batchBytes);
  private used = 0;
  /** False once a write failed or the body passed the bound: the entry is then never committed. */
  private whole = true;

  private constructor(
    private readonly dir: string,
    private readonly name: string,
    private readonly temp: string,
    private fd: number | undefined,
    private readonly maxBytes: number,
  ) {}

  /** A writer of the entry `name`, or undefined when the folder cannot be written. */
  static open(dir: string, name: string, maxBytes: number): EntryWriter | undefined {
    // The entries hold paths, --env values and hashes of the project's files: the user's alone.
    const temp = path.join(dir, `${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      return new EntryWriter(dir, name, temp, fs.openSync(temp, 'wx', 0o600), maxBytes);
    } catch {
      return undefined;
    }
  }

  /** Adds a piece of the body; false once the entry can no longer be whole (then it will not be committed). */
  write(piece: string | Buffer): boolean {
    if (!this.whole) return false;
    // A UTF-16 unit takes at most 3 bytes in UTF-8; a piece that may not fit is measured.
    const room = batchBytes - this.used;
    const fits = typeof piece === 'string' ? piece.length * 3 <= room || Buffer.byteLength(piece) <= room : piece.length <= room;
    if (fits) {
      this.used += typeof piece === 'string' ? this.batch.write(piece, this.used, 'utf8') : piece.copy(this.batch, this.used);
      return true;
    }
    if (!this.flush()) return false;
    if (typeof piece === 'string' && piece.length * 3 <= batchBytes) this.used = this.batch.write(piece, 0, 'utf8');
    else if (typeof piece !== 'string' && piece.length <= batchBytes) this.used = piece.copy(this.batch, 0);
    else return this.put(typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece);
    return true;
  }

  /** Writes the header and renames the entry into place, then keeps the folder under its bound; false when it was not whole or cannot be written. */
  commit(): boolean {
    try {
      if (!this.whole || !this.flush()) throw new Error('not whole');
      writeAt(this.fd!, Buffer.from(`${magic} ${this.hash.digest('hex')}\n`, 'latin1'), 0);
      this.close();
      fs.renameSync(this.temp, path.join(this.dir, this.name + suffix));
    } catch {
      this.abandon();
      return false;
    }
    evict(this.dir, this.maxBytes);
    return true;
  }

  /** Closes and removes the temporary file: no entry. */
  abandon(): void {
    this.whole = false;
    this.close();
    remove(this.temp);
  }

  private close(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    try {
      fs.closeSync(fd);
    } catch {
      // closed already: nothing to give back
    }
  }

  private flush(): boolean {
    const whole = this.used === 0 || this.put(this.batch.subarray(0, this.used));
    this.used = 0;
    return whole;
  }

  /** Hashes and writes bytes at the end of the body; false (and nothing written) past the bound or when the write fails. */
  private put(bytes: Buffer): boolean {
    this.hash.update(bytes);
    if (!this.whole || this.fd === undefined || this.at + bytes.length > this.maxBytes) return (this.whole = false);
    try {
      writeAt(this.fd, bytes, this.at);
    } catch {
      return (this.whole = false);
    }
    this.at += bytes.length;
    return true;
  }
}

/** All of `bytes` at `position` (a write may take fewer bytes than asked). */
function writeAt(fd: number, bytes: Buffer, position: number): void {
  for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done, bytes.length - done, position + done);
}

/** Removes the entries used longest ago until the rest fit in `maxBytes`, and stale temporary files. */
export function evict(dir: string, maxBytes: number): void {
  const entries: { file: string; size: number; used: number }[] = [];
  const now = Date.now();
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const file = path.join(dir, name);
    const stat = statOf(file);
    if (!stat?.isFile()) continue;
    if (name.endsWith('.tmp') && now - stat.mtimeMs > staleTempMs) remove(file);
    else if (name.endsWith(suffix)) entries.push({ file, size: stat.size, used: stat.mtimeMs });
  }
  let total = entries.reduce((sum, e) => sum + e.size, 0);
  // Oldest first; another run may remove the same file at once, which remove() allows.
  for (const e of entries.sort((a, b) => a.used - b.used)) {
    if (total <= maxBytes) break;
    remove(e.file);
    total -= e.size;
  }
}

function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** Removes a file; one that is gone already, or cannot be removed, is left to the next run. */
function remove(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // not ours to remove (permissions): eviction is best effort
  }
}
