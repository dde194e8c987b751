// The persistent analysis cache: a report is stored with every question the analysis asked the
// file system and the answer it got (questions.ts), under a key made of the tool's code and the
// options that shape the report (key.ts). A later run with the same key reuses the report only
// when every question, asked again, gets the same answer; otherwise it analyses and replaces the
// entry. So the cache can make a run faster but never its report different. Used only when
// analyze() is given `cache` (the library writes nothing to disk unasked).

import * as path from 'node:path';
import type { Host } from '../host.js';
import type { Report } from '../report.js';
import { cacheKey, keyName, type KeyedOptions } from './key.js';
import { answersHold, recordingHost, type Question } from './questions.js';
import { RecordPack, type FileRecords } from './records.js';
import { jsonChunks } from './json-chunks.js';
import { defaultMaxBytes, readEntry, writeEntryPieces } from './store.js';

export type { FileRecords } from './records.js';

export interface CacheOptions {
  /** The folder of the cache entries (relative: to `cwd`); created when missing (mode 0700). */
  dir: string;
  /** The most the entries may take together, in bytes; the ones used longest ago are removed beyond it. Default: 256 MiB. */
  maxBytes?: number;
  /**
   * Also keep each file's examination (records.ts), so that a run after an edit examines only
   * the files whose content or answers changed. Default: on; `false` keeps the reports alone
   * (the report is the same either way: records change what a run costs, not what it finds).
   */
  records?: boolean;
}

interface Entry {
  key: string;
  questions: Question[];
  report: Report;
}

const methods = new Set(['readFile', 'kind', 'realpath', 'glob', 'json', 'list']);

/**
 * The report of `run` for these options: from the cache when its entry still holds on `host`,
 * else `run` with `host` recorded and the per-file records of the same key (records.ts), and
 * stored. The report's `cache` says how many files came from the cache (`files`: all of them, or
 * those whose records were taken) and, with records, how many came from records (`records`).
 */
export async function cachedAnalysis(options: KeyedOptions, cache: CacheOptions, host: Host, run: (host: Host, records?: FileRecords) => Promise<Report>): Promise<Report> {
  const key = cacheKey(options);
  const withRecords = cache.records !== false;
  if (key === undefined) return withCount(await run(host), 0, withRecords);
  const name = keyName(key);
  const maxBytes = cache.maxBytes ?? defaultMaxBytes;
  const dir = path.resolve(options.cwd, cache.dir);
  const entry = entryOf(readEntry(dir, name, maxBytes), key);
  if (entry && answersHold(host, entry.questions)) return withCount(entry.report, entry.report.project.files.length, withRecords);
  const recording = recordingHost(host);
  const records = withRecords ? new RecordPack(dir, `${name}-records`, maxBytes, recording.digestOf) : undefined;
  const report = await run(recording.host, records);
  if (!recording.unstable() && storable(report)) {
    writeEntryPieces(dir, name, entryPieces(key, recording.questions(), report), maxBytes);
    records?.save();
  }
  return withCount(report, records?.reused ?? 0, withRecords, records?.reused ?? 0);
}

/**
 * The entry's JSON text, JSON.stringify({ key, questions, report }), in pieces of one question,
 * or of one member of the report's fields' lists (json-chunks.ts), so neither the whole text nor
 * the questions as one array are ever in memory.
 */
function* entryPieces(key: string, questions: Iterable<Question>, report: Report): Generator<string> {
  yield `{"key":${JSON.stringify(key)},"questions":[`;
  let first = true;
  for (const q of questions) {
    yield first ? JSON.stringify(q) : `,${JSON.stringify(q)}`;
    first = false;
  }
  yield '],"report":';
  yield* jsonChunks(report, 3);
  yield '}';
}

/** The report with its cache counts, after every other field; `records` only when records were on. */
const withCount = (report: Report, files: number, withRecords: boolean, records = 0): Report => ({ ...report, cache: { files, ...(withRecords ? { records } : {}) } });

/** A run the time budget cut short depends on the machine's speed, not only on the project. */
const storable = (report: Report): boolean => !report.diagnostics.some((d) => d.code === 'TIME_BUDGET_EXCEEDED');

/** An entry's body parsed and checked for its shape and key; undefined for anything else. */
function entryOf(body: string | undefined, key: string): Entry | undefined {
  if (body === undefined) return undefined;
  let entry: unknown;
  try {
    entry = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { key: k, questions, report } = entry as Partial<Entry>;
  if (k !== key || !Array.isArray(questions) || !questions.every(isQuestion)) return undefined;
  if (typeof report !== 'object' || report === null || report.schemaVersion !== 1 || !Array.isArray(report.project?.files)) return undefined;
  return entry as Entry;
}

function isQuestion(q: unknown): q is Question {
  return Array.isArray(q) && q.length === 3 && methods.has(q[0]) && typeof q[1] === 'string' && typeof q[2] === 'string';
}
