// The questions an analysis asks the file system through its Host, and the answers it got. A
// cached report is reused only when every recorded question, asked again, gets the same answer
// (lib/cache/index.ts), so this list must hold every way the analysis can see the disk: each
// method of the Host that analyze() hands to the stages. Contents are kept as hashes.

import { createHash } from 'node:crypto';
import type { Host } from '../host.js';

/** One question and its answer: the method, its arguments as one string, the answer as one string. */
export type Question = [method: QuestionMethod, args: string, answer: string];
export type QuestionMethod = 'readFile' | 'kind' | 'realpath' | 'glob' | 'json' | 'list' | 'readlink';

const hash = (data: string | Buffer): string => createHash('sha256').update(data).digest('base64');

/** An Error as an answer: what the analysis may use of it (code, size for EFBIG, message). */
function errorAnswer(e: Error): string {
  const { code, size } = e as NodeJS.ErrnoException & { size?: number };
  return `error:${JSON.stringify([code ?? null, size ?? null, e.message])}`;
}

const readAnswer = (data: Buffer | Error): string => (data instanceof Error ? errorAnswer(data) : `sha256:${hash(data)}`);
// JSON.stringify keeps the file's key order, so two equal texts give one answer; undefined (missing or invalid) is its own.
const jsonAnswer = (value: unknown): string => (value === undefined ? 'undefined' : `sha256:${hash(JSON.stringify(value))}`);
const listAnswer = (names: string[] | undefined): string => (names === undefined ? 'undefined' : JSON.stringify(names));

/** `maxBytes` changes what readFile answers (EFBIG), so it is part of the question. */
const readArgs = (p: string, maxBytes: number | undefined): string => (maxBytes === undefined ? p : `${p}\0${maxBytes}`);

/** Asks `host` one recorded question again: its answer now. */
export function answerNow(host: Host, method: QuestionMethod, args: string): string {
  switch (method) {
    case 'readFile': {
      const [p, max] = args.split('\0');
      return readAnswer(host.readFile(p!, max === undefined ? undefined : { maxBytes: Number(max) }));
    }
    case 'kind':
      return host.kind(args) ?? 'none';
    case 'realpath':
      return host.realpath(args);
    case 'glob': {
      const [dir, patterns, below] = JSON.parse(args) as [string, string[], true?];
      return JSON.stringify(host.glob(patterns, dir, below));
    }
    case 'json':
      return host.json ? jsonAnswer(host.json(args)) : 'no-json';
    case 'list':
      return host.list ? listAnswer(host.list(args)) : 'no-list';
    case 'readlink':
      return host.readlink ? (host.readlink(args) ?? 'none') : 'no-readlink';
  }
}

/**
 * What a run recorded: each question once, with the first answer it got. A question answered
 * two ways in one run (a file changed while it was read) makes the run `unstable`: its report
 * cannot be tied to one state of the disk, so it is not stored.
 */
export interface Recording {
  host: Host;
  /** The questions, method by method, each in the order first asked; made as they are read. */
  questions(): Iterable<Question>;
  unstable(): boolean;
  /**
   * The SHA-256 (base64) of `bytes` when they are what the host's last `readFile` gave (a source
   * file just read, whose answer holds that hash): undefined otherwise. Saves a per-file record's
   * content key (records.ts) a second hash of every file.
   */
  digestOf(bytes: Uint8Array): string | undefined;
}

const methodOrder: readonly QuestionMethod[] = ['kind', 'realpath', 'json', 'readFile', 'glob', 'list', 'readlink'];

/** Wraps `host` (the run's caching host) so every answer it gives the analysis is recorded. */
export function recordingHost(host: Host): Recording {
  // One map of arguments to answer per method, alive through the whole run: a large project asks
  // some 140,000 questions (20,000 modules), and a path as the key is the string the caching host
  // keeps as its own key, where a question kept as an array with a joined key cost 150 bytes more.
  const answers = new Map<QuestionMethod, Map<string, string>>(methodOrder.map((m) => [m, new Map()]));
  // The object last answered per question: the caching host hands the same package.json buffer
  // and parsed value out a thousand times a run, and hashing each again is wasted.
  const lastObject = new Map<string, unknown>();
  let unstable = false;
  // The last file read (not a package.json) and its hash: only one, so no source is kept alive.
  let last: { data: Buffer; digest: string } | undefined;
  const note = (method: QuestionMethod, args: string, answer: string): void => {
    const asked = answers.get(method)!;
    const seen = asked.get(args);
    if (seen === undefined) asked.set(args, answer);
    else if (seen !== answer) unstable = true;
  };
  /** Notes an answer that is an object, unless it is the very object answered last time. */
  const noteObject = (method: QuestionMethod, args: string, object: unknown, answer: (o: unknown) => string): void => {
    const id = `${method}\0${args}`;
    if (object !== undefined && lastObject.get(id) === object) return;
    lastObject.set(id, object);
    note(method, args, answer(object));
  };
  const recorded: Host = {
    readFile(p, options) {
      const data = host.readFile(p, options);
      // Only package.json buffers are handed out again (cachingHost); holding any other would keep every source alive.
      if (p.endsWith('package.json')) noteObject('readFile', readArgs(p, options?.maxBytes), data, (d) => readAnswer(d as Buffer | Error));
      else if (data instanceof Error) note('readFile', readArgs(p, options?.maxBytes), readAnswer(data));
      else {
        last = { data, digest: hash(data) };
        note('readFile', readArgs(p, options?.maxBytes), `sha256:${last.digest}`);
      }
      return data;
    },
    kind(p) {
      const kind = host.kind(p);
      note('kind', p, kind ?? 'none');
      return kind;
    },
    realpath(p) {
      const real = host.realpath(p);
      note('realpath', p, real);
      return real;
    },
    glob(patterns, dir, below) {
      const found = host.glob(patterns, dir, below);
      note('glob', JSON.stringify(below ? [dir, patterns, true] : [dir, patterns]), JSON.stringify(found));
      return found;
    },
    ...(host.json ? { json: (p: string) => recordJson(host, p, noteObject) } : {}),
    ...(host.list ? { list: (dir: string) => recordList(host, dir, note) } : {}),
    ...(host.readlink ? { readlink: (p: string) => recordReadlink(host, p, note) } : {}),
  };
  const digestOf = (bytes: Uint8Array): string | undefined => (last?.data === bytes ? last.digest : undefined);
  return { host: recorded, questions: () => questionsOf(answers), unstable: () => unstable, digestOf };
}

function* questionsOf(answers: Map<QuestionMethod, Map<string, string>>): Generator<Question> {
  for (const [method, asked] of answers) for (const [args, answer] of asked) yield [method, args, answer];
}

type Note = (method: QuestionMethod, args: string, answer: string) => void;

/** A link's target, recorded: where realpath goes next (lib/graph/resolve.ts linksOn). */
function recordReadlink(host: Host, p: string, note: Note): string | undefined {
  const target = host.readlink!(p);
  note('readlink', p, target ?? 'none');
  return target;
}
type NoteObject = (method: QuestionMethod, args: string, object: unknown, answer: (o: unknown) => string) => void;

function recordJson(host: Host, p: string, noteObject: NoteObject): unknown {
  const value = host.json!(p);
  noteObject('json', p, value, jsonAnswer);
  return value;
}

function recordList(host: Host, dir: string, note: Note): string[] | undefined {
  const names = host.list!(dir);
  note('list', dir, listAnswer(names));
  return names;
}

/** Whether every question gets the answer recorded for it; stops at the first that does not. */
export function answersHold(host: Host, questions: Iterable<Question>): boolean {
  for (const [method, args, answer] of questions) if (answerNow(host, method, args) !== answer) return false;
  return true;
}
