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
import { answerNow, recordingHost, type Question } from './questions.js';
import { RecordPack, type FileRecords } from './records.js';
import { jsonLines, JsonLinesReader } from './json-lines.js';
import { defaultMaxBytes, eachEntryLine, writeEntryPieces } from './store.js';

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

const methods = new Set(['readFile', 'kind', 'realpath', 'glob', 'json', 'list', 'readlink']);

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
  const reused = reusedReport(dir, name, maxBytes, key, host);
  if (reused) return withCount(reused, reused.project.files.length, withRecords);
  const recording = recordingHost(host);
  const records = withRecords ? new RecordPack(dir, `${name}-records`, maxBytes, recording.digestOf) : undefined;
  let report: Report;
  try {
    report = await run(recording.host, records);
  } catch (e) {
    records?.discard();
    throw e;
  }
  if (!recording.unstable() && storable(report)) {
    writeEntryPieces(dir, name, entryText(key, recording.questions(), report), maxBytes);
    records?.save();
  } else records?.discard();
  return withCount(report, records?.reused ?? 0, withRecords, records?.reused ?? 0);
}

/**
 * The entry's lines: its key, then one line per question, then the report in lines
 * (json-lines.ts) opened down to the members of its fields' lists (a grant, a need). Neither the
 * whole text nor the questions as one array are ever in memory, written or read.
 */
function* entryText(key: string, questions: Iterable<Question>, report: Report): Generator<string> {
  yield `${keyTag}${JSON.stringify(key)}\n`;
  for (const q of questions) yield `${questionTag}${JSON.stringify(q)}\n`;
  for (const line of jsonLines(report, 3)) yield `${line}\n`;
}

const keyTag = 'k';
const questionTag = '?';

/**
 * The entry's report when its key is `key`, every question gets the same answer on `host` and
 * the entry is intact; undefined otherwise. Read a line at a time: each question is asked as it
 * is read (the first that does not hold ends the reading), and the report is made as its lines
 * come, so its text is never whole beside its objects.
 */
function reusedReport(dir: string, name: string, maxBytes: number, key: string, host: Host): Report | undefined {
  const keyLine = `${keyTag}${JSON.stringify(key)}`;
  let at: 'key' | 'questions' | 'report' = 'key';
  const reader = new JsonLinesReader();
  const each = (line: string): boolean => {
    if (at === 'key') {
      at = 'questions';
      return line === keyLine;
    }
    if (at === 'questions' && line.startsWith(questionTag)) return holds(host, line.slice(questionTag.length));
    at = 'report';
    return reader.add(line);
  };
  if (!eachEntryLine(dir, name, maxBytes, each)) return undefined;
  const report = reader.value()?.value;
  return isReport(report) ? report : undefined;
}

/** Whether a question's line is a question of ours whose answer on `host` is the recorded one. */
function holds(host: Host, text: string): boolean {
  try {
    const q: unknown = JSON.parse(text);
    return isQuestion(q) && answerNow(host, q[0], q[1]) === q[2];
  } catch {
    // a damaged line (its glob arguments not JSON): the entry is not used
    return false;
  }
}

/** The report with its cache counts, after every other field; `records` only when records were on. */
const withCount = (report: Report, files: number, withRecords: boolean, records = 0): Report => ({ ...report, cache: { files, ...(withRecords ? { records } : {}) } });

/** A run the time budget cut short depends on the machine's speed, not only on the project. */
const storable = (report: Report): boolean => !report.diagnostics.some((d) => d.code === 'TIME_BUDGET_EXCEEDED');

/** What a report read back must at least be for the run to return it. */
function isReport(report: unknown): report is Report {
  if (typeof report !== 'object' || report === null) return false;
  const r = report as Partial<Report>;
  return r.schemaVersion === 1 && Array.isArray(r.project?.files);
}

function isQuestion(q: unknown): q is Question {
  return Array.isArray(q) && q.length === 3 && methods.has(q[0]) && typeof q[1] === 'string' && typeof q[2] === 'string';
}
