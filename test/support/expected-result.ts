// expected.json of a fixture: what the analysis must produce, independent of where the app was
// copied. Builds it from reports, compares it, and explains a mismatch line by line.
import * as fs from 'node:fs';
import * as os from 'node:os';
import type { Report } from '../../lib/report.js';

export interface ExpectedResult {
  /** Per target major, the flags with the analysed copy's path written as `<app>`. */
  flags: Record<string, string[]>;
  /** `CODE file:line`, sorted. */
  diagnostics: string[];
}

export const appPlaceholder = '<app>';
/** The home folder of whoever runs the tests (a grant of a file there names it: FS_GRANT_IN_HOME). */
export const homePlaceholder = '<home>';

/** Each letter in the other case: tsx's case-sensitivity probe reads the folder spelled so. */
const invertCase = (s: string) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');

function normalise(text: string, appDir: string): string {
  return text.split(appDir).join(appPlaceholder).split(invertCase(appDir)).join(`${appPlaceholder}|invertcase`);
}

export function normaliseFlags(flags: string[], appDir: string): string[] {
  const home = os.homedir();
  // The copy lives in the temp folder, so the app's path is replaced first.
  return flags.map((flag) => {
    const text = normalise(flag, appDir);
    return home.length > 1 ? text.split(`=${home}/`).join(`=${homePlaceholder}/`) : text;
  });
}

/**
 * Diagnostics about the target release rather than the app (its end-of-life, advisories it has
 * not fixed) change with the date and the advisory list; test/advisories.test.ts covers them.
 */
const aboutTheRelease = new Set<string>(['TARGET_EOL', 'ADVISORY_UNFIXED']);

/** One report's diagnostics as sorted `CODE file:line` lines (just `CODE` when there is no site). */
export function diagnosticLines(report: Report, appDir: string): string[] {
  return report.diagnostics
    .filter((d) => !aboutTheRelease.has(d.code))
    .map((d) => (d.site ? `${d.code} ${normalise(d.site.file, appDir)}:${d.site.line}` : d.code))
    .sort();
}

/**
 * expected.json has one diagnostics list for all targets, but some diagnostics are about a target
 * (a capability a version cannot gate). The list is therefore the union over targets, each line as
 * many times as the target that reports it most often: identical lists stay as they are.
 */
export function mergeDiagnostics(perTarget: string[][]): string[] {
  const most = new Map<string, number>();
  for (const lines of perTarget) {
    const counts = new Map<string, number>();
    for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
    for (const [line, count] of counts) most.set(line, Math.max(most.get(line) ?? 0, count));
  }
  return [...most].flatMap(([line, count]) => Array<string>(count).fill(line)).sort();
}

/** Lines in `expected` but not `actual` (missing) and the reverse (extra), counting repeats. */
function multisetDiff(expected: string[], actual: string[]): { missing: string[]; extra: string[] } {
  const left = [...actual];
  const missing: string[] = [];
  for (const line of expected) {
    const at = left.indexOf(line);
    if (at === -1) missing.push(line);
    else left.splice(at, 1);
  }
  return { missing, extra: left };
}

function listDiff(title: string, expected: string[], actual: string[]): string[] {
  if (JSON.stringify(expected) === JSON.stringify(actual)) return [];
  const { missing, extra } = multisetDiff(expected, actual);
  const lines = [`${title}:`, ...missing.map((l) => `  - ${l}`), ...extra.map((l) => `  + ${l}`)];
  if (!missing.length && !extra.length) {
    lines.push(`  same entries, different order`, `    expected: ${expected.join(' ')}`, `    actual:   ${actual.join(' ')}`);
  }
  return lines;
}

/** A readable account of every difference (`-` expected only, `+` actual only), or null when equal. */
export function describeMismatch(expected: ExpectedResult, actual: ExpectedResult): string | null {
  const lines: string[] = [];
  const targets = [...new Set([...Object.keys(expected.flags), ...Object.keys(actual.flags)])];
  for (const target of targets) {
    const want = expected.flags[target];
    const got = actual.flags[target];
    if (!want) lines.push(`flags for node ${target}: not in expected.json`);
    else if (!got) lines.push(`flags for node ${target}: expected.json has them, but ${target} is not a target of the case`);
    else lines.push(...listDiff(`flags for node ${target}`, want, got));
  }
  lines.push(...listDiff('diagnostics', expected.diagnostics, actual.diagnostics));
  return lines.length ? lines.join('\n') : null;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Reads expected.json; null when it does not exist, an error when it is not the documented shape. */
export function readExpected(file: string): ExpectedResult | null {
  if (!fs.existsSync(file)) return null;
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ExpectedResult>;
  const flagsOk =
    typeof raw.flags === 'object' && raw.flags !== null && Object.values(raw.flags).every((f) => isStringArray(f));
  if (!flagsOk || !isStringArray(raw.diagnostics)) {
    throw new Error(`${file}: expected { "flags": { "<major>": [string] }, "diagnostics": [string] }`);
  }
  return { flags: raw.flags as Record<string, string[]>, diagnostics: raw.diagnostics as string[] };
}

/** Pretty JSON, 2 spaces, trailing newline: reviewed as a diff, so the layout must be stable. */
export function writeResult(file: string, result: ExpectedResult): void {
  fs.writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
}
