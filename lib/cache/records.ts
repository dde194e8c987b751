// The per-file records kept with the cache (issue #19, docs/design/per-file-summary.md phase 1):
// what examining each file found, stored by file and content under the same key as the report
// (the tool's code and the options), in one entry beside it. A run whose report entry no longer
// holds (a file changed) takes each unchanged file's record instead of parsing and examining it,
// when the questions the record holds get the same answers (lib/graph/examination.ts decides
// that; here a record is an opaque value). Written with store.ts's entries: atomic, checked by
// a checksum, evicted with the others; a damaged entry is ignored and rebuilt.

import { deserialize, serialize } from 'node:v8';
import { readEntryBytes, writeEntryBytes } from './store.js';

/** Records by file and content key, as the graph asks for them (graph/examination.ts RecordStore). */
export interface FileRecords {
  get(file: string, content: string): unknown;
  put(file: string, content: string, value: unknown): void;
  /** A record `get` gave was taken in (its questions got the same answers): the report's count. */
  taken(file: string, content: string): void;
  /** The SHA-256 (base64) of a file's bytes when the cache already hashed them (questions.ts digestOf). */
  digest(bytes: Uint8Array): string | undefined;
}

/**
 * The records of one key: those read from its entry, those a run used or made, and how many it
 * used. Each record is kept serialized on its own: a run gets a fresh copy, so what the later
 * stages do with the findings cannot change the record that is written back.
 */
export class RecordPack implements FileRecords {
  private readonly stored: Map<string, Uint8Array>;
  private readonly kept = new Map<string, Uint8Array>();
  private changed = false;
  /** Files taken from the records in this run (the report's cache count). */
  reused = 0;

  constructor(
    private readonly dir: string,
    private readonly name: string,
    private readonly maxBytes: number,
    readonly digest: (bytes: Uint8Array) => string | undefined = () => undefined,
  ) {
    this.stored = packOf(readEntryBytes(dir, name, maxBytes));
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
    this.kept.set(id, bytes);
    return value;
  }

  taken(): void {
    this.reused++;
  }

  put(file: string, content: string, value: unknown): void {
    try {
      this.kept.set(`${file}\0${content}`, serialize(value));
      this.changed = true;
    } catch {
      // not serializable: the file is examined again next time
    }
  }

  /** Writes the records this run used or made (so records of content gone are dropped), when they differ from the entry's. */
  save(): void {
    if (!this.changed && this.kept.size === this.stored.size) return;
    let body: Buffer;
    try {
      body = serialize(this.kept);
    } catch {
      return;
    }
    writeEntryBytes(this.dir, this.name, body, this.maxBytes);
  }
}

/** An entry's records; none when it is missing or not a pack of this tool (the entry's checksum already held). */
function packOf(body: Buffer | undefined): Map<string, Uint8Array> {
  if (body === undefined) return new Map();
  try {
    const pack: unknown = deserialize(body);
    return pack instanceof Map && [...pack.values()].every((v) => v instanceof Uint8Array) ? (pack as Map<string, Uint8Array>) : new Map();
  } catch {
    return new Map();
  }
}
