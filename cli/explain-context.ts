// What every part of the `--explain` view renders from: the report, the style and the source
// lines. Its own module so the parts (explain-summary.ts, explain-why.ts) and explain.ts, which
// puts them together, need not import each other.

import type { Report } from '../lib/index.js';
import type { SourceLines } from './explain-source.js';
import type { Style } from './explain-style.js';

export interface ExplainContext {
  report: Report;
  style: Style;
  source: SourceLines;
  /** --explain=full: every piece of evidence with its source line; else one summary line per grant. */
  full?: boolean;
}
