// `generate-flags --explain` (the summary level): one line per grant with how many code sites
// need it, of which kinds, and which packages; the full evidence is `--explain=full`, or for one
// grant `generate-flags why`. An ordinary Express app's full evidence runs to a thousand lines
// and more; the summary keeps one line per grant.

import type { Evidence, GrantReason } from '../lib/index.js';
import { packageLabel, shownPath } from './explain-packages.js';
import { columns, count } from './explain-style.js';
import type { ExplainContext } from './explain-context.js';

const reasonWords: Partial<Record<GrantReason, string>> = {
  api: 'calls',
  'module-load': 'loads',
  'package-json': 'resolves',
  entry: 'entry',
  user: 'option',
  'unresolved-fallback': 'fallback',
  model: 'model',
};

/** `loads 12, calls 3`: the kinds of evidence, most frequent first. */
function kinds(evidence: readonly Evidence[]): string {
  const byKind = new Map<string, number>();
  for (const e of evidence) {
    const word = reasonWords[e.reason] ?? e.reason;
    byKind.set(word, (byKind.get(word) ?? 0) + 1);
  }
  return [...byKind].sort((a, b) => b[1] - a[1]).map(([word, n]) => (n === 1 ? word : `${word} ${n}`)).join(', ');
}

/** The packages behind the evidence: up to three by name, then how many more. */
function packagesOf(evidence: readonly Evidence[]): string {
  const names = [...new Set(evidence.map((e) => packageLabel(e.package)))];
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} +${names.length - 3}`;
}

/** One aligned line per grant: what, sites, kinds, packages. */
export function summaryRows(ctx: ExplainContext, grants: readonly { label: string; evidence: Evidence[] }[], indent: string): string[] {
  const { style } = ctx;
  const rows = grants.map((g) => [g.label, style.dim(count(g.evidence.filter((e) => e.site).length, 'site')), kinds(g.evidence), packagesOf(g.evidence)]);
  return columns(rows, indent);
}

/** The fs grants of one scope as summary rows. */
export function pathSummary(ctx: ExplainContext, grants: readonly { path: string; evidence: Evidence[] }[]): string[] {
  const root = ctx.report.project.root;
  return summaryRows(ctx, grants.map((g) => ({ label: ctx.style.cyan(shownPath(root, g.path)), evidence: g.evidence })), '  ');
}
