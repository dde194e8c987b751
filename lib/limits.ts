// The bounds of one analysis: the largest file it parses and the time it may take. Parsing and
// folding cost about 1.5 s and 80 MB of memory per MB of source (measured on an 18 MB file), so
// a generated bundle or a data file with a .js name could otherwise stall the run or exhaust
// memory. A file over the cap is granted like any loaded file but not analysed; when the time
// budget runs out, the files not yet analysed are granted but not analysed. Both are reported.
// See docs/limits.md.

import { diagnostic, type Diagnostic } from './diagnostics/index.js';
import { PolicyError } from './errors.js';
import type { Host } from './host.js';
import type { Site } from './types.js';

/** Default for `maxFileSize`: 4 MiB, above all but bundled or generated code. */
const defaultMaxFileSize = 4 * 1024 * 1024;

/** The per-run limits and what they cut; created by each analyze() call. */
export class Limits {
  readonly maxFileSize: number;
  readonly timeBudgetMs: number | undefined;
  private readonly started: number;
  /** Files left unanalysed because the budget ran out. */
  skipped = 0;
  /** Whether matching calls between files was cut short by the budget. */
  callsCut = false;

  constructor(options: { maxFileSize?: number; timeBudgetMs?: number }, now = performance.now()) {
    this.maxFileSize = options.maxFileSize ?? defaultMaxFileSize;
    this.timeBudgetMs = options.timeBudgetMs;
    this.started = now;
  }

  /** True once the time budget is used up; checked before each file and each round of calls. */
  outOfTime(): boolean {
    return this.timeBudgetMs !== undefined && performance.now() - this.started > this.timeBudgetMs;
  }

  /** The one diagnostic that says the budget ran out, if it did. */
  budgetDiagnostic(analysed: number): Diagnostic | undefined {
    if (this.timeBudgetMs === undefined || (this.skipped === 0 && !this.callsCut)) return undefined;
    return diagnostic('TIME_BUDGET_EXCEEDED', 'error', { budgetMs: this.timeBudgetMs, analysed, skipped: this.skipped, callsCut: this.callsCut });
  }
}

/** A module's source as text, or the diagnostic that says why it is not analysed. */
export function readSource(host: Host, file: string, limits: Limits, site: Site): { text: string; bytes: Buffer } | { diagnostic: Diagnostic } {
  const data = host.readFile(file, { maxBytes: limits.maxFileSize });
  if (data instanceof Error) {
    const e = data as NodeJS.ErrnoException & { size?: number };
    if (e.code === 'EFBIG' && typeof e.size === 'number') return { diagnostic: tooLarge(site, e.size, limits) };
    return { diagnostic: diagnostic('FILE_UNREADABLE', 'error', { path: site.file, error: e.code ?? e.message }, site) };
  }
  // A host that ignores maxBytes (an in-memory test host) is held to the same cap.
  if (data.length > limits.maxFileSize) return { diagnostic: tooLarge(site, data.length, limits) };
  return { text: data.toString('utf8'), bytes: data };
}

function tooLarge(site: Site, size: number, limits: Limits): Diagnostic {
  return diagnostic('FILE_TOO_LARGE', 'warning', { path: site.file, size, limit: limits.maxFileSize }, site);
}

/**
 * A file that does not parse and holds NUL bytes or mostly bytes that are not UTF-8 text is
 * not JavaScript at all (an image, an archive, a compiled binary named .js); saying so beats
 * the parser's "Unexpected character". Valid JavaScript may hold a NUL in a string, so this is
 * only asked after parsing failed.
 */
export function notTextDiagnostic(parseFailure: Diagnostic, bytes: Buffer): Diagnostic {
  const head = bytes.subarray(0, 8192);
  let replaced = 0;
  const text = head.toString('utf8');
  for (const c of text) if (c === '\uFFFD') replaced++;
  const binary = head.includes(0) || replaced > text.length / 10;
  if (!binary || !parseFailure.site) return parseFailure;
  return diagnostic('FILE_NOT_TEXT', 'error', { path: parseFailure.site.file }, { ...parseFailure.site, line: 1, column: 1 });
}

/**
 * Whether `e` is V8 running out of stack. Input nested deeper than the recursive walks can follow
 * (thousands of levels) ends that way; the file is then reported with FILE_TOO_DEEP and the rest
 * of the project is still analysed.
 */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && e.message.includes('call stack');
}

/** The diagnostic for a file nested too deeply to analyse; `stage` says which step gave up. */
export function tooDeep(site: Site, stage: 'parser' | 'analysis'): Diagnostic {
  return diagnostic('FILE_TOO_DEEP', 'error', { path: site.file, stage }, site);
}

/** The limits for analyze()'s options, refusing values that cannot be meant. */
export function limitsFor(options: { maxFileSize?: number; timeBudgetMs?: number }): Limits {
  const positive = (value: number | undefined, option: string, hint: string): void => {
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) throw new PolicyError('OPTION_INVALID', `${option} must be a positive number, got ${value}`, hint);
  };
  positive(options.maxFileSize, '--max-file-size', 'give a size in bytes, or with a unit: 512K, 8M');
  positive(options.timeBudgetMs, '--time-budget', 'give seconds, e.g. 30 or 2.5');
  return new Limits(options);
}
