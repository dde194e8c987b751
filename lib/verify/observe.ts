// What `generate-flags verify --write` records: each access the policy missed on the run, as an
// entry of package.json `permissionPolicy.observed` with its evidence (the command, the date,
// the site). Writes are folded the way the analysis folds them: a file written inside a folder
// the code created becomes that folder (`dir/*`). A fold never takes in a secret the run did not
// read: a folder holding one stays file by file. Also the text edit that puts the list into
// package.json, keeping the rest of the file as it was.

import * as path from 'node:path';
import { isSecretName } from '../policy/secrets.js';
import type { ObservedEntry } from '../project/observed.js';
import { findJsonValue } from '../script/package-json-edit.js';
import { apiOf, capabilityOf } from './classify.js';
import type { RecordedAccess } from './records.js';
import type { VerifyAccess } from './result.js';

export interface ObserveInput {
  /** The accesses to record (silent, reported, stale), as verifyOutcome lists them. */
  missing: readonly VerifyAccess[];
  /** Every access of the run, for the folders its code created (mkdir). */
  accesses: readonly RecordedAccess[];
  root: string;
  /** The command as one line. */
  command: string;
  /** `YYYY-MM-DD`. */
  date: string;
  /** The names in a folder, or undefined when it cannot be listed. */
  list: (dir: string) => string[] | undefined;
}

/** Folders the run's code asked to create, outermost first. */
function createdFolders(accesses: readonly RecordedAccess[]): string[] {
  const folders = new Set<string>();
  for (const a of accesses) {
    if (capabilityOf[a.permission] !== 'fs.write') continue;
    if (!/\.mkdir(Sync)?$/.test(apiOf(a.stack) ?? '')) continue;
    folders.add(a.resolved ?? a.resource);
  }
  return [...folders].sort((x, y) => x.length - y.length);
}

/** The created folder a written path folds into, unless it would take in a secret the run did not read. */
function foldOf(p: string, created: string[], input: ObserveInput, read: Set<string>): string | undefined {
  const tooBroad = (d: string) => d === '/' || d === input.root || input.root.startsWith(d + '/');
  const folder = created.find((d) => !tooBroad(d) && (p === d || p.startsWith(d + '/')));
  if (folder === undefined) return undefined;
  const names = input.list(folder) ?? [];
  return names.some((n) => isSecretName(n) && !read.has(path.join(folder, n))) ? undefined : folder;
}

function shownPath(p: string, root: string): string {
  const rel = path.relative(root, p);
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? p : rel.split(path.sep).join('/');
}

/** The entries to record, one per capability and path (the first site seen is its evidence). */
export function observations(input: ObserveInput): ObservedEntry[] {
  const created = createdFolders(input.accesses);
  const read = new Set(input.missing.filter((a) => a.capability === 'fs.read' && a.path).map((a) => a.path!));
  const entries = new Map<string, ObservedEntry>();
  for (const a of input.missing) {
    if (a.capability === 'openssl-store' || a.capability === 'ffi' || a.capability === 'other') continue;
    let p: string | undefined;
    if (a.path !== undefined) {
      const folder = a.capability === 'fs.write' ? foldOf(a.path, created, input, read) : undefined;
      p = folder !== undefined ? `${shownPath(folder, input.root)}/*` : shownPath(a.path, input.root);
    }
    const key = `${a.capability}\0${p ?? ''}`;
    if (entries.has(key)) continue;
    entries.set(key, {
      capability: a.capability,
      ...(p !== undefined ? { path: p } : {}),
      evidence: { command: input.command, date: input.date, ...(a.site ? { site: a.site } : {}), ...(a.package ? { package: a.package } : {}) },
    });
  }
  // A file grant inside a folder grant of the same capability adds nothing.
  const folders = [...entries.values()].filter((e) => e.path?.endsWith('/*'));
  return [...entries.values()].filter(
    (e) => e.path === undefined || e.path.endsWith('/*') || !folders.some((f) => f.capability === e.capability && e.path!.startsWith(f.path!.slice(0, -1))),
  );
}

/** What an observed grant would open that verify --write never records on its own. */
export type ObservedOpens = 'everything' | 'disk-root' | 'home';

/**
 * The entries verify --write keeps, and the ones it refuses: `*`, the disk root, the home folder
 * or a folder above it, as a path or as a folder grant (`~/*`). The record file is the app's to
 * write to (it runs unrestricted in audit mode), so a line it forges, or a real listing of `/`,
 * would otherwise become a grant of the whole disk in package.json and be granted from then on
 * without a word. Such a grant is the user's to give, with --read or --write.
 */
export function refuseBroad(entries: readonly ObservedEntry[], root: string, homedir: string): { kept: ObservedEntry[]; refused: { entry: ObservedEntry; opens: ObservedOpens }[] } {
  const kept: ObservedEntry[] = [];
  const refused: { entry: ObservedEntry; opens: ObservedOpens }[] = [];
  for (const entry of entries) {
    const opens = entry.path === undefined ? undefined : observedOpens(entry.path, root, homedir);
    if (opens) refused.push({ entry, opens });
    else kept.push(entry);
  }
  return { kept, refused };
}

function observedOpens(shown: string, root: string, homedir: string): ObservedOpens | undefined {
  if (shown === '*') return 'everything';
  const folder = shown.endsWith('/*') ? shown.slice(0, -2) || '/' : shown;
  const at = path.resolve(root, folder);
  if (at === '/') return 'disk-root';
  return at === homedir || homedir.startsWith(`${at}/`) ? 'home' : undefined;
}

/** The indentation of the line a position is on. */
function lineIndent(text: string, at: number): string {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

function indentUnit(text: string): string {
  const m = /\n([ \t]+)\S/.exec(text);
  return m ? (m[1]!.startsWith('\t') ? '\t' : m[1]!) : '  ';
}

/** `value` as JSON whose lines after the first are indented by `base`, in the file's unit. */
function serialise(value: unknown, base: string, unit: string, eol: string): string {
  return JSON.stringify(value, null, unit).split('\n').join(eol + base);
}

/**
 * package.json text with `permissionPolicy.observed` set to `entries` (replacing what was
 * there, so re-running does not pile observations up). Only that value changes (or is inserted
 * at the end of its object); indentation, key order and line endings stay.
 */
export function setObserved(text: string, entries: readonly ObservedEntry[]): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const unit = indentUnit(text);
  const existing = findJsonValue(text, ['permissionPolicy', 'observed']);
  if (existing) return text.slice(0, existing.start) + serialise(entries, lineIndent(text, existing.start), unit, eol) + text.slice(existing.end);
  const settings = findJsonValue(text, ['permissionPolicy']);
  const intoSettings = settings !== undefined && text[settings.start] === '{';
  const span = intoSettings ? settings : findJsonValue(text, [])!;
  const value = intoSettings ? entries : { observed: entries };
  const outer = intoSettings ? lineIndent(text, span.start) : '';
  const close = span.end - 1;
  const empty = text.slice(span.start + 1, close).trim() === '';
  const before = text.slice(0, close).replace(/[ \t\r\n]*$/, '');
  const member = `${JSON.stringify(intoSettings ? 'observed' : 'permissionPolicy')}: ${serialise(value, outer + unit, unit, eol)}`;
  return `${before}${empty ? '' : ','}${eol}${outer}${unit}${member}${eol}${outer}${text.slice(close)}`;
}
