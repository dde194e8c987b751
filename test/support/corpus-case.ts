// corpus.json of one corpus app (docs/precision.md): the folders its code names, and the misses
// it is known to have today. A miss is recorded with its cause, so the corpus test fails both
// when a new miss appears and when a recorded one is fixed (then the entry is deleted).
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What is checked per app and target; the names are the corpus.json `misses` keys. */
export const corpusChecks = ['works', 'starts', 'secret-denied', 'home-denied', 'no-project-fallback', 'no-wide-grant'] as const;
export type CorpusCheck = (typeof corpusChecks)[number];

export const corpusTargets = ['20', '22', '24', '26'];

export interface CorpusCase {
  /** Folders (relative to the app) that its code names, e.g. `public` for `express.static(…/public)`. */
  folders: string[];
  /** Known misses: check -> target -> cause (file:line and the pattern or package). */
  misses: Partial<Record<CorpusCheck, Record<string, string>>>;
  /** Node options the app is started with before its entry, as its start script gives them (`--import tsx`). */
  nodeArgs: string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A miss is a cause string for every target, or an object of targets (`"20"`, `"22,24,26"`) -> cause. */
function parseMiss(where: string, value: unknown, problems: string[]): Record<string, string> {
  if (typeof value === 'string') return Object.fromEntries(corpusTargets.map((t) => [t, value]));
  const byTarget: Record<string, string> = {};
  let valid = isObject(value);
  for (const [key, cause] of isObject(value) ? Object.entries(value) : []) {
    for (const target of key.split(',')) {
      valid &&= corpusTargets.includes(target) && typeof cause === 'string' && !(target in byTarget);
      byTarget[target] = String(cause);
    }
  }
  if (valid) return byTarget;
  problems.push(`${where}: expected a cause string or an object of targets (${corpusTargets.join(', ')}, comma-separated, each once) -> cause`);
  return {};
}

export function parseCorpusCase(raw: unknown, where = 'corpus.json'): CorpusCase {
  const problems: string[] = [];
  const top = isObject(raw) ? raw : (problems.push(`${where}: expected an object`), {});
  for (const key of Object.keys(top)) {
    if (!['folders', 'misses', 'nodeArgs'].includes(key)) problems.push(`${where}: unknown key "${key}" (allowed: folders, misses, nodeArgs)`);
  }
  const folders = top.folders ?? [];
  if (!Array.isArray(folders) || !folders.every((f) => typeof f === 'string' && !path.isAbsolute(f))) {
    problems.push(`${where} folders: expected an array of app-relative paths`);
  }
  const misses: CorpusCase['misses'] = {};
  const rawMisses = top.misses ?? {};
  if (!isObject(rawMisses)) problems.push(`${where} misses: expected an object`);
  else {
    for (const [check, value] of Object.entries(rawMisses)) {
      if (!(corpusChecks as readonly string[]).includes(check)) {
        problems.push(`${where} misses: unknown check "${check}" (allowed: ${corpusChecks.join(', ')})`);
      } else misses[check as CorpusCheck] = parseMiss(`${where} misses.${check}`, value, problems);
    }
  }
  const nodeArgs = top.nodeArgs ?? [];
  if (!Array.isArray(nodeArgs) || !nodeArgs.every((a) => typeof a === 'string')) problems.push(`${where} nodeArgs: expected an array of strings`);
  if (problems.length) throw new Error(problems.join('\n'));
  return { folders: folders as string[], misses, nodeArgs: nodeArgs as string[] };
}

/** Reads `<appDir>/corpus.json`; an app without one names no folders and has no known misses. */
export function loadCorpusCase(appDir: string): CorpusCase {
  const file = path.join(appDir, 'corpus.json');
  const where = path.join(path.basename(appDir), 'corpus.json');
  if (!fs.existsSync(file)) return parseCorpusCase({}, where);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${where}: not valid JSON: ${(err as Error).message}`);
  }
  return parseCorpusCase(raw, where);
}
