// Permission Model advisories and end-of-life for a target: the published vulnerabilities of the
// model that the target's releases still have, and whether its lines still get fixes. The data
// is compiled into generated/ (scripts/generate-advisories.ts); refreshAdvisories() reads the
// live index instead. Nothing here reads the clock: the caller passes "today".

import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import { supportedLines, type LineStatus } from '../node-versions/release-schedule.js';
import type { VersionSpan } from '../node-versions/range.js';
import { bundledAdvisories } from './generated/advisories.js';
import type { AdvisoryList } from './live-index.js';
import { lineStatuses, unfixedAdvisories, type UnfixedAdvisory } from './unfixed.js';

export type { Advisory, AffectedLine } from './compile.js';
export { bundledIndex } from './generated/advisories.js';
export { advisoryIndexUrl, refreshAdvisories, type AdvisoryList, type RefreshOptions } from './live-index.js';
export type { UnfixedAdvisory, UnfixedLine } from './unfixed.js';

/** The list compiled into this version. */
export const bundledList: AdvisoryList = { source: 'bundled', advisories: bundledAdvisories };

/** What the report says about the target's releases themselves. */
export interface TargetAdvisories {
  /** Where the advisories came from: `bundled`, or the URL of the live index. */
  source: string;
  /** The day end-of-life was judged on, YYYY-MM-DD. */
  checkedOn: string;
  /** Each release line of the target, with its end-of-life date. */
  lines: LineStatus[];
  /** Permission Model vulnerabilities that (part of) the target still has. */
  unfixed: UnfixedAdvisory[];
}

export function targetAdvisories(spans: VersionSpan[], targetRange: string | undefined, list: AdvisoryList, today: string): TargetAdvisories {
  return {
    source: list.source,
    checkedOn: today,
    lines: lineStatuses(spans, today),
    unfixed: unfixedAdvisories(list.advisories, spans, targetRange, today),
  };
}

/** TARGET_EOL for each ended line and ADVISORY_UNFIXED for each unfixed advisory and line: warnings without a site. */
export function advisoryDiagnostics(found: TargetAdvisories): Diagnostic[] {
  const supported = supportedLines(found.checkedOn);
  const out: Diagnostic[] = [];
  for (const line of found.lines) {
    if (line.ended) out.push(diagnostic('TARGET_EOL', 'warning', { major: line.major, endOfLife: line.endOfLife, supported }));
  }
  for (const a of found.unfixed) {
    for (const line of a.lines) {
      out.push(
        diagnostic('ADVISORY_UNFIXED', 'warning', {
          id: a.id,
          summary: a.summary,
          affected: line.affected,
          ...(line.fixedIn ? { fixedIn: line.fixedIn } : {}),
          ...(line.upgradeTo ? { upgradeTo: line.upgradeTo } : {}),
          basis: line.basis,
        }),
      );
    }
  }
  return out;
}
