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
import { RecordPack, SameReport, type ChangedFile, type FileRecords } from './records.js';
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
  const entry = storedEntry(dir, name, maxBytes, key, host, withRecords);
  if (entry?.report) return withCount(entry.report, entry.report.project.files.length, withRecords);
  const recording = recordingHost(host);
  const records = withRecords ? new RecordPack(dir, `${name}-records`, maxBytes, recording.digestOf) : undefined;
  // Only the contents of some files changed, and the records are those of the run that stored the
  // report: the graph examines those files first and stops the run if they examine to their records.
  if (entry && records && entry.run !== undefined && entry.run === records.runId) records.changed = entry.changed;
  let report: Report | undefined;
  try {
    report = await run(recording.host, records);
  } catch (e) {
    if (!(e instanceof SameReport && entry?.run !== undefined && records?.changed)) {
      records?.discard();
      throw e;
    }
    const same = sameReport(dir, name, maxBytes, key, entry.run, entry.changed, records);
    if (same) return same;
  }
  if (!report) {
    // The entry changed since it was checked (another run stored its own): analysed as if the report were not stored.
    records!.changed = undefined;
    try {
      report = await run(recording.host, records);
    } catch (e) {
      records?.discard();
      throw e;
    }
  }
  if (!recording.unstable() && storable(report)) {
    records?.save();
    writeEntryPieces(dir, name, entryText(key, recording.questions(), report, records?.runId), maxBytes);
  } else records?.discard();
  return withCount(report, records?.reused ?? 0, withRecords, records?.reused ?? 0);
}

/**
 * The stored report, for a run whose changed files examined to their records, read again whole
 * (its checksum checked, its run still `run`): the records entry is written again with each
 * changed file's record under its new content, and the report entry with the new answers and the
 * new run's id. Counted as a report reused (every file from the cache). Undefined when the entry
 * is no longer the one checked.
 */
function sameReport(dir: string, name: string, maxBytes: number, key: string, run: string, changed: readonly ChangedRead[], records: RecordPack): Report | undefined {
  const answers = new Map(changed.map((c) => [c.args, `${sha}${c.after}`]));
  const questions: Question[] = [];
  const reader = new JsonLinesReader();
  const lines = [`${keyTag}${JSON.stringify(key)}`, `${runTag}${JSON.stringify(run)}`];
  let at = 0;
  const each = (line: string): boolean => {
    if (at < lines.length) return line === lines[at++];
    if (line.startsWith(questionTag)) {
      const q = questionOf(line.slice(questionTag.length));
      if (!q) return false;
      questions.push([q[0], q[1], q[0] === 'readFile' ? (answers.get(q[1]) ?? q[2]) : q[2]]);
      return true;
    }
    return reader.add(line);
  };
  if (!eachEntryLine(dir, name, maxBytes, each)) return undefined;
  const report = reader.value()?.value;
  if (!isReport(report)) return undefined;
  const after = new Map(changed.map((c) => [`${c.file}\0${c.before}`, c.after]));
  records.rekeyed((file, content) => {
    const [digest, ...how] = content.split(' ');
    const now = after.get(`${file}\0${digest}`);
    return now === undefined ? undefined : [now, ...how].join(' ');
  });
  writeEntryPieces(dir, name, entryText(key, questions, report, records.runId), maxBytes);
  return withCount(report, report.project.files.length, true);
}

/**
 * The entry's lines: its key, then one line per question, then the report in lines
 * (json-lines.ts) opened down to the members of its fields' lists (a grant, a need). Neither the
 * whole text nor the questions as one array are ever in memory, written or read.
 */
function* entryText(key: string, questions: Iterable<Question>, report: Report, run: string | undefined): Generator<string> {
  yield `${keyTag}${JSON.stringify(key)}\n`;
  // The records entry written by the same run (records.ts): absent when none is.
  if (run !== undefined) yield `${runTag}${JSON.stringify(run)}\n`;
  for (const q of questions) yield `${questionTag}${JSON.stringify(q)}\n`;
  for (const line of jsonLines(report, 3)) yield `${line}\n`;
}

const keyTag = 'k';
const runTag = 'r';
const questionTag = '?';

/** A file read for its examination whose content changed: its path, old and new SHA-256 (base64), and the question's arguments. */
type ChangedRead = ChangedFile;

/**
 * What a stored entry whose key is the run's says: its report when it is intact and every
 * question gets the same answer on `host`; else, when the only answers that changed are the
 * contents of source files, the run that wrote it and those files (with records, the run may
 * find its report unchanged: sameReport reads it again then).
 */
type StoredEntry = { report: Report; run?: undefined; changed?: undefined } | { report?: undefined; run: string | undefined; changed: ChangedRead[] };

/**
 * The entry (StoredEntry), or undefined when its key is not `key`, it is damaged, or a question
 * other than a source file's content got another answer. Read a line at a time: each question
 * is asked as it is read (the first that rules the entry out ends the reading), and the report
 * is made as its lines come, so its text is never whole beside its objects; once a content
 * changed, the report is not read (and without records, the reading ends there: no run can
 * find its report unchanged then).
 */
function storedEntry(dir: string, name: string, maxBytes: number, key: string, host: Host, withRecords: boolean): StoredEntry | undefined {
  const keyLine = `${keyTag}${JSON.stringify(key)}`;
  let at: 'key' | 'run' | 'questions' | 'report' = 'key';
  const reader = new JsonLinesReader();
  let run: string | undefined;
  let ruledOut = false;
  const changed: ChangedRead[] = [];
  const each = (line: string): boolean => {
    if (at === 'key') {
      at = 'run';
      return line === keyLine;
    }
    if (at === 'run') {
      at = 'questions';
      if (line.startsWith(runTag)) return (run = runOf(line.slice(runTag.length))) !== undefined;
    }
    if (at === 'questions' && line.startsWith(questionTag)) return (ruledOut = !asked(host, line.slice(questionTag.length), changed) || (!withRecords && changed.length > 0)) === false;
    at = 'report';
    return changed.length === 0 && reader.add(line);
  };
  const intact = eachEntryLine(dir, name, maxBytes, each);
  if ((at as string) === 'report' && !ruledOut && changed.length > 0) return { run, changed };
  const report = intact ? reader.value()?.value : undefined;
  return isReport(report) ? { report } : undefined;
}

function runOf(text: string): string | undefined {
  try {
    const run: unknown = JSON.parse(text);
    return typeof run === 'string' ? run : undefined;
  } catch {
    return undefined;
  }
}

function questionOf(text: string): Question | undefined {
  try {
    const q: unknown = JSON.parse(text);
    return isQuestion(q) ? q : undefined;
  } catch {
    // a damaged line (its glob arguments not JSON): the entry is not used
    return undefined;
  }
}

/**
 * Whether a question's line is a question of ours whose answer on `host` is the recorded one,
 * or a source file's content (`readFile`, read then and now, not a package.json) whose answer
 * changed: then the file is added to `changed`.
 */
function asked(host: Host, text: string, changed: ChangedRead[]): boolean {
  const q = questionOf(text);
  if (!q) return false;
  const now = answerNow(host, q[0], q[1]);
  if (now === q[2]) return true;
  const file = q[0] === 'readFile' && q[2].startsWith(sha) && now.startsWith(sha) ? q[1].split('\0')[0]! : undefined;
  if (file === undefined || file.endsWith('package.json')) return false;
  changed.push({ file, before: q[2].slice(sha.length), after: now.slice(sha.length), args: q[1] });
  return true;
}

const sha = 'sha256:';

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
