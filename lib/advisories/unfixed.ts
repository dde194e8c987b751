// Which advisories a target still has: for an exact release, those whose affected releases
// include it; for a range, those that some release the range allows still has. A line past its
// end-of-life is no longer listed in new advisories; when an advisory published after that date
// affects lines on both sides of it, the line is reported as affected too ("inferred"): the code
// was there before and after, and nobody fixed it in between. The measured facts agree for 23
// (futimes allowed, realpath.native unchecked: CVE-2025-55132, CVE-2026-21715).

import semver from 'semver';
import { endOfLife, lineStatus, supportedLines, type LineStatus } from '../node-versions/release-schedule.js';
import type { VersionSpan } from '../node-versions/range.js';
import type { Advisory } from './compile.js';

export interface UnfixedLine {
  major: number;
  /** What has it: the exact release, `22 before 22.22.0` for part of a range's line, or the whole line (`23`). */
  affected: string;
  /** The first release of this line with the fix; absent when the line never got one. */
  fixedIn?: string;
  /** The release to move to: `fixedIn`, else the fix on the nearest newer supported line. */
  upgradeTo?: string;
  /** `listed` by the index, or `inferred` for an end-of-life line between two affected ones. */
  basis: 'listed' | 'inferred';
}

export interface UnfixedAdvisory {
  id: string;
  summary: string;
  /** False when the summary is the index's own text (an entry newer than this version's list). */
  reviewed: boolean;
  severity?: string;
  url?: string;
  lines: UnfixedLine[];
}

/** Whether a span has any release in `affected` that the target allows. */
function spanMeets(span: VersionSpan, targetRange: string | undefined, affected: string): boolean {
  if (targetRange === undefined) return semver.satisfies(span.from, affected);
  return semver.intersects(targetRange, `${span.range} ${affected}`);
}

/** An end-of-life line that an advisory published after its end skips, with affected lines below and above. */
function inferred(advisory: Advisory, major: number): boolean {
  const end = endOfLife[major];
  if (!end || !advisory.published || advisory.published <= end.slice(0, 7)) return false;
  if (advisory.lines.some((l) => l.major === major)) return false;
  return advisory.lines.some((l) => l.major < major) && advisory.lines.some((l) => l.major > major);
}

/** The fix on the nearest newer line still supported on `today`. */
function newerFix(advisory: Advisory, major: number, today: string): string | undefined {
  const supported = supportedLines(today);
  return advisory.lines.find((l) => l.major > major && l.fixedIn && supported.includes(l.major))?.fixedIn;
}

function unfixedLine(advisory: Advisory, major: number, spans: VersionSpan[], targetRange: string | undefined, today: string): UnfixedLine | undefined {
  const exact = targetRange === undefined ? spans[0]?.from : undefined;
  const listed = advisory.lines.find((l) => l.major === major);
  if (listed) {
    if (!spans.some((s) => spanMeets(s, targetRange, listed.affected))) return undefined;
    const affected = exact ?? (listed.fixedIn ? `${major} before ${listed.fixedIn}` : String(major));
    const upgradeTo = listed.fixedIn ?? newerFix(advisory, major, today);
    return { major, affected, ...(listed.fixedIn ? { fixedIn: listed.fixedIn } : {}), ...(upgradeTo ? { upgradeTo } : {}), basis: 'listed' };
  }
  if (!inferred(advisory, major)) return undefined;
  const upgradeTo = newerFix(advisory, major, today);
  return { major, affected: exact ?? String(major), ...(upgradeTo ? { upgradeTo } : {}), basis: 'inferred' };
}

/**
 * The advisories not fixed in the target. `spans` are the target's (one for an exact release);
 * `targetRange` is its range, or undefined for an exact release; `today` (YYYY-MM-DD) picks the
 * supported line to suggest when a line never got a fix.
 */
export function unfixedAdvisories(advisories: readonly Advisory[], spans: VersionSpan[], targetRange: string | undefined, today: string): UnfixedAdvisory[] {
  const majors = [...new Set(spans.map((s) => s.major))];
  const out: UnfixedAdvisory[] = [];
  for (const advisory of advisories) {
    const lines = majors.flatMap((major) => {
      const line = unfixedLine(advisory, major, spans.filter((s) => s.major === major), targetRange, today);
      return line ? [line] : [];
    });
    if (lines.length === 0) continue;
    const { id, summary, reviewed, severity, url } = advisory;
    out.push({ id, summary, reviewed, ...(severity ? { severity } : {}), ...(url ? { url } : {}), lines });
  }
  return out;
}

/** The end-of-life status of every line the spans touch. */
export function lineStatuses(spans: VersionSpan[], today: string): LineStatus[] {
  return [...new Set(spans.map((s) => s.major))].flatMap((major) => {
    const status = lineStatus(major, today);
    return status ? [status] : [];
  });
}
