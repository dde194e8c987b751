// Turns the Node.js security working group's vulnerability index (vuln/core/index.json) into the
// Permission Model advisories we check targets against: per affected release line, the releases
// affected and the first one with the fix. Used at build time by scripts/generate-advisories.ts
// and at run time by --refresh-advisories, so both read the index the same way.

import semver from 'semver';

/** One Permission Model vulnerability. */
export interface Advisory {
  /** The CVE id (the first one when an entry has several). */
  id: string;
  /** One line saying what could be done: ours when `reviewed`, else the index's own short text. */
  summary: string;
  /** False for an entry newer than the summaries shipped with this version (only after a refresh). */
  reviewed: boolean;
  severity?: string;
  /** The release announcement. */
  url?: string;
  /** The month of the announcement, YYYY-MM, read from its address. */
  published?: string;
  /** Per affected line (20 and later): the affected releases and the first fixed one, if the line got a fix. */
  lines: AffectedLine[];
}

export interface AffectedLine {
  major: number;
  /** The affected releases as a comparator set, e.g. `>=22.0.0 <22.4.1`. */
  affected: string;
  fixedIn?: string;
}

/** The fields of an index entry we read; everything else is ignored. */
interface IndexEntry {
  cve?: unknown;
  vulnerable?: unknown;
  patched?: unknown;
  ref?: unknown;
  description?: unknown;
  overview?: unknown;
  severity?: unknown;
}

/** The Permission Model first shipped in 20.0.0; earlier lines cannot be affected by its bugs. */
const firstModelMajor = 20;

/** Words that mark an entry as about the Permission Model, for entries without a reviewed summary. */
const modelWords = /permission model|permissions model|experimental-permission|--permission\b|--allow-[a-z-]+|file permissions|bypass(?:es)? permission/i;

const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const text = (v: unknown) => (typeof v === 'string' ? v : '');

function publishedOf(ref: string): string | undefined {
  const m = /\/([a-z]+)-(\d{4})-security-releases/i.exec(ref);
  const month = m ? months.indexOf(m[1]!.toLowerCase()) : -1;
  return month >= 0 ? `${m![2]}-${String(month + 1).padStart(2, '0')}` : undefined;
}

/** Majors named by `a.x || b.x` style text (each part's lowest version). */
function majorsOf(spec: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const part of spec.split('||')) {
    const range = semver.validRange(part.trim());
    const low = range ? semver.minVersion(range) : null;
    if (low) out.set(low.major, low.version);
  }
  return out;
}

function linesOf(entry: IndexEntry): AffectedLine[] {
  const fixes = majorsOf(text(entry.patched));
  return [...majorsOf(text(entry.vulnerable)).keys()]
    .filter((major) => major >= firstModelMajor)
    .sort((a, b) => a - b)
    .map((major) => {
      const fixedIn = fixes.get(major);
      return { major, affected: `>=${major}.0.0 <${fixedIn ?? `${major + 1}.0.0`}`, ...(fixedIn ? { fixedIn } : {}) };
    });
}

/** The index's own short text, for an entry we have not summarised: its title, else its first sentence. */
function upstreamSummary(entry: IndexEntry): string {
  const title = text(entry.description).trim() || text(entry.overview).split(/(?<=\.)\s/)[0]!.trim();
  return title.length > 160 ? `${title.slice(0, 157)}...` : title;
}

export interface Compiled {
  advisories: Advisory[];
  /** Entries that look like Permission Model advisories but have no reviewed summary. */
  unreviewed: string[];
  /** Reviewed ids the index does not have (a summary for nothing). */
  missing: string[];
  /** How many entries the index had. */
  entries: number;
}

/**
 * Picks the Permission Model entries of an index: those we have summarised, plus (marked
 * unreviewed) entries affecting 20 or later whose text names the model, minus the ones reviewed
 * as unrelated. Throws a plain Error when `index` is not shaped like the index.
 */
export function compileAdvisories(index: unknown, summaries: Readonly<Record<string, string>>, unrelated: Readonly<Record<string, string>>): Compiled {
  if (typeof index !== 'object' || index === null || Array.isArray(index)) throw new Error('the index is not a JSON object of entries');
  const advisories: Advisory[] = [];
  const unreviewed: string[] = [];
  const seen = new Set<string>();
  for (const raw of Object.values(index as Record<string, unknown>)) {
    if (typeof raw !== 'object' || raw === null) continue;
    const entry = raw as IndexEntry;
    const id = Array.isArray(entry.cve) && typeof entry.cve[0] === 'string' ? entry.cve[0] : undefined;
    if (!id || seen.has(id) || unrelated[id]) continue;
    const lines = linesOf(entry);
    const ours = summaries[id];
    if (!ours && (lines.length === 0 || !modelWords.test(`${text(entry.description)} ${text(entry.overview)}`))) continue;
    seen.add(id);
    if (!ours) unreviewed.push(id);
    const ref = text(entry.ref);
    const published = publishedOf(ref);
    advisories.push({
      id,
      summary: ours ?? upstreamSummary(entry),
      reviewed: Boolean(ours),
      ...(text(entry.severity) ? { severity: text(entry.severity) } : {}),
      ...(ref ? { url: ref } : {}),
      ...(published ? { published } : {}),
      lines,
    });
  }
  advisories.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  const missing = Object.keys(summaries).filter((id) => !seen.has(id));
  return { advisories, unreviewed, missing, entries: Object.keys(index).length };
}
