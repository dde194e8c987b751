// The per-file records kept with the cache (issue #19, docs/design/per-file-summary.md phase 1):
// what examining each file found, stored by file and content under the same key as the report
// (the tool's code and the options), in one entry beside it. A run whose report entry no longer
// holds (a file changed) takes each unchanged file's record instead of parsing and examining it,
// when the questions the record holds get the same answers (lib/graph/examination.ts decides
// that; here a record is an opaque value). Written with store.ts's entries: atomic, checked by
// a checksum, evicted with the others; a damaged entry is ignored and rebuilt.

import { randomBytes } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { EntryWriter, readEntryBytes } from './store.js';

/** Records by file and content key, as the graph asks for them (graph/examination.ts RecordStore). */
export interface FileRecords {
  get(file: string, content: string): unknown;
  put(file: string, content: string, value: unknown): void;
  /** A record `get` gave was taken in (its questions got the same answers): the report's count. */
  taken(file: string, content: string): void;
  /** The SHA-256 (base64) of a file's bytes when the cache already hashed them (questions.ts digestOf). */
  digest(bytes: Uint8Array): string | undefined;
  /** The memos kept with a record (graph/replay-memo.ts), a fresh copy read when first asked for in a run; none when damaged. */
  memos(file: string, content: string): unknown[];
  /** The memo at `at` of those `memos` gave was used: kept with the record for the next run. */
  keepMemo(file: string, content: string, at: number): void;
  /** A memo made in this run, kept with the record for the next (serialized at once). */
  addMemo(file: string, content: string, memo: unknown): void;
  /**
   * The files whose content alone changed since the run that wrote both entries, when the
   * report entry's only changed answers are their contents (lib/cache/index.ts): each with its
   * old and new SHA-256 (base64). Its examination made now with its record's answers, if it is
   * the record (SameExaminations), the stored report is the report.
   */
  changed?: readonly ChangedFile[] | undefined;
  /** The changed files examine to their records: ends the run (throws SameReport), whose report is the stored one. */
  unchanged?(): never;
}

/** A file whose content changed, and nothing else the analysis asked: its old and new content hash. */
export interface ChangedFile {
  file: string;
  before: string;
  after: string;
  /** The content question's arguments (the file and the size cap it was read with). */
  args: string;
}

/**
 * Thrown through the analysis when the files that changed examine to the records they had
 * (FileRecords.unchanged): the run stops there, and the cache returns the report it stored.
 */
export class SameReport extends Error {
  constructor() {
    super('the changed files examine as before');
  }
}

/** The id of the frame that keeps a record's memos: the record's id and this tag. */
const memosTag = '\0memos';
/**
 * The id of the frame that names the run which wrote the entry (its first frame): the report
 * entry written with it names it too, so a run can tell that a record was made or taken by the
 * run whose report it has (the two entries are renamed into place one after the other, and two
 * runs at once may each win one).
 */
const runTag = '\0run';

/**
 * The records of one key: those read from its entry, and those a run makes, which are written to
 * the new entry as each is made (EntryWriter) rather than kept until the end: a cold run of a
 * large tree held every record's bytes, then a copy of them all as one buffer, at the very point
 * its report was finished (issue #19 item 4). Each record is serialized on its own when it is
 * made, so what the later stages do with the findings cannot change the record written, and a
 * run gets a fresh copy of a stored one.
 */
export class RecordPack implements FileRecords {
  private readonly stored: Map<string, Buffer>;
  /** The memos frames of the entry, by their record's id; each one serialized list of serialized memos. */
  private readonly storedMemos = new Map<string, Buffer>();
  /** Each record's memos as `memos` read them (their bytes, by place), and those this run used or made. */
  private readonly offered = new Map<string, Uint8Array[]>();
  private readonly keptMemos = new Map<string, Set<Uint8Array>>();
  private memosAdded = false;
  /** The stored records `get` handed out: written to the new entry at `save` unless a run's own replaced them. */
  private readonly keptStored = new Set<string>();
  /** The records this run made, already written. */
  private readonly written = new Set<string>();
  /** The new entry, opened at the first record made; null when the folder cannot be written. */
  private writer: EntryWriter | undefined | null;
  /** Files taken from the records in this run (the report's cache count). */
  reused = 0;
  /** The run that wrote the entry read; after `save`, the one that wrote the entry in place (undefined: none is). */
  runId: string | undefined;
  changed?: readonly ChangedFile[];

  constructor(
    private readonly dir: string,
    private readonly name: string,
    private readonly maxBytes: number,
    readonly digest: (bytes: Uint8Array) => string | undefined = () => undefined,
  ) {
    this.stored = packOf(readEntryBytes(dir, name, maxBytes));
    const run = this.stored.get(runTag);
    this.stored.delete(runTag);
    this.runId = run?.toString('latin1');
    for (const [id, bytes] of this.stored) {
      if (!id.endsWith(memosTag)) continue;
      this.stored.delete(id);
      this.storedMemos.set(id.slice(0, -memosTag.length), bytes);
    }
  }

  get(file: string, content: string): unknown {
    const id = `${file}\0${content}`;
    const bytes = this.stored.get(id);
    if (bytes === undefined) return undefined;
    let value: unknown;
    try {
      value = deserialize(bytes);
    } catch {
      return undefined;
    }
    return value;
  }

  /**
   * Only a record taken (its questions answered alike) goes on to the next entry: one whose
   * answers changed, examined again without giving a record, is not what this run's report
   * rests on (unchanged() relies on every record of the entry being its run's).
   */
  taken(file: string, content: string): void {
    this.reused++;
    const id = `${file}\0${content}`;
    if (this.stored.has(id)) this.keptStored.add(id);
  }

  unchanged(): never {
    throw new SameReport();
  }

  /**
   * The entry again, in place, for the run whose report is the stored one: every record and memo
   * kept, and each changed file's record under its new content (`content` maps the old id's
   * content key to the new one's), with a new run's id.
   */
  rekeyed(content: (file: string, key: string) => string | undefined): void {
    for (const [id, bytes] of this.stored) {
      const [file, key] = id.split('\0') as [string, string];
      const now = content(file, key);
      this.writeFrame(now === undefined ? id : `${file}\0${now}`, bytes);
    }
    for (const [id, bytes] of this.storedMemos) if (content(...(id.split('\0') as [string, string])) === undefined) this.writeFrame(id + memosTag, bytes);
    this.commit();
  }

  memos(file: string, content: string): unknown[] {
    const id = `${file}\0${content}`;
    const list = this.storedMemos.get(id);
    if (list === undefined || this.offered.has(id)) return [];
    try {
      const each: unknown = deserialize(list);
      if (!Array.isArray(each) || !each.every((m) => m instanceof Uint8Array)) return [];
      const memos = each.map((m: Uint8Array) => deserialize(m) as unknown);
      this.offered.set(id, each);
      return memos;
    } catch {
      return [];
    }
  }

  keepMemo(file: string, content: string, at: number): void {
    const id = `${file}\0${content}`;
    const bytes = this.offered.get(id)?.[at];
    if (bytes) this.memoSet(id).add(bytes);
  }

  addMemo(file: string, content: string, memo: unknown): void {
    const id = `${file}\0${content}`;
    // Only with a record this run keeps: a record not kept takes its memos with it.
    if (!this.keptStored.has(id) && !this.written.has(id)) return;
    try {
      this.memoSet(id).add(serialize(memo));
      this.memosAdded = true;
    } catch {
      // not serializable: the replay is made again next time
    }
  }

  private memoSet(id: string): Set<Uint8Array> {
    let set = this.keptMemos.get(id);
    if (!set) this.keptMemos.set(id, (set = new Set()));
    return set;
  }

  put(file: string, content: string, value: unknown): void {
    const id = `${file}\0${content}`;
    // The memos of a record replaced are another examination's.
    this.keptMemos.delete(id);
    this.offered.delete(id);
    let bytes: Buffer;
    try {
      bytes = serialize(value);
    } catch {
      // not serializable: the file is examined again next time
      return;
    }
    this.written.add(id);
    this.writeFrame(id, bytes);
  }

  /**
   * Completes the entry with the stored records this run used and did not replace (so records of
   * content gone are dropped), unless the run neither made a record nor left one out.
   */
  save(): void {
    if (this.written.size === 0 && !this.memosAdded && this.keptStored.size === this.stored.size) return this.discard();
    for (const id of this.keptStored) if (!this.written.has(id)) this.writeFrame(id, this.stored.get(id)!);
    // Each kept record's memos this run used or made, after the records (a memo is read only with its record).
    for (const [id, memos] of this.keptMemos) {
      if (memos.size > 0 && (this.written.has(id) || this.keptStored.has(id))) this.writeFrame(id + memosTag, serialize([...memos]));
    }
    this.commit();
  }

  private commit(): void {
    this.runId = this.writer?.commit() ? this.writing : undefined;
    this.writer = null;
  }

  /** Leaves the entry as it was: a run that is not stored (or failed) removes what it wrote. */
  discard(): void {
    this.writer?.abandon();
    this.writer = null;
  }

  /** The id of the run writing the new entry (its first frame). */
  private writing: string | undefined;

  private writeFrame(id: string, bytes: Buffer): void {
    if (this.writer === undefined) {
      this.writer = EntryWriter.open(this.dir, this.name, this.maxBytes) ?? null;
      this.writing = randomBytes(12).toString('hex');
      if (this.writer) this.writeFrame(runTag, Buffer.from(this.writing, 'latin1'));
    }
    if (this.writer === null) return;
    const idBytes = Buffer.from(id, 'utf8');
    const head = Buffer.allocUnsafe(idBytes.length + 8);
    head.writeUInt32LE(idBytes.length, 0);
    idBytes.copy(head, 4);
    head.writeUInt32LE(bytes.length, 4 + idBytes.length);
    this.writer.write(head);
    this.writer.write(bytes);
  }
}

/**
 * An entry's records, each a view of the body: frames of a file-and-content id and a record's
 * bytes, each with its length before it (a 32-bit little-endian count); a later frame of the same
 * id replaces an earlier one. None when the entry is missing or its body is not whole frames (the
 * entry's checksum already held: another tool's body, or a bug's).
 */
function packOf(body: Buffer | undefined): Map<string, Buffer> {
  const pack = new Map<string, Buffer>();
  if (body === undefined) return pack;
  for (let at = 0; at < body.length; ) {
    const id = lengthAt(body, at);
    const size = id === undefined ? undefined : lengthAt(body, at + 4 + id);
    if (id === undefined || size === undefined || at + 8 + id + size > body.length) return new Map();
    pack.set(body.toString('utf8', at + 4, at + 4 + id), body.subarray(at + 8 + id, at + 8 + id + size));
    at += 8 + id + size;
  }
  return pack;
}

/** The 32-bit length at `at`, when the body holds it. */
const lengthAt = (body: Buffer, at: number): number | undefined => (at + 4 <= body.length ? body.readUInt32LE(at) : undefined);
