// The one place a parser position becomes a Site: acorn reports 0-based columns, Sites are
// 1-based and project-relative with POSIX separators.

import * as path from 'node:path';
import type { Site } from './types.js';

/** A file as Sites name it: relative to the project root, POSIX separators. */
export function relativeFile(root: string, file: string): string {
  // A file under the root, both paths already normal (nearly every file): the rest of its
  // path. path.relative resolves both paths first, a new string per segment (1.3 MB of each
  // analysis of eslint's tree, for the one call per file).
  if (path.sep === '/' && file.length > root.length + 1 && file.charCodeAt(root.length) === SLASH && file.startsWith(root) && isNormalAbsolute(root) && isNormalAbsolute(file)) return file.slice(root.length + 1);
  const rel = path.relative(root, file).split(path.sep).join('/');
  return rel === '' ? '.' : rel;
}

const SLASH = 47;
const DOT = 46;

/** Whether `p` is a POSIX absolute path that path.resolve leaves as it is: no empty, `.` or `..` segment, no trailing `/`. */
function isNormalAbsolute(p: string): boolean {
  if (p.length < 2 || p.charCodeAt(0) !== SLASH || p.charCodeAt(p.length - 1) === SLASH) return false;
  // Each segment starts after a slash: it must not be empty, `.` or `..`.
  for (let i = 0; i < p.length; i++) {
    if (p.charCodeAt(i) !== SLASH) continue;
    const end = p.indexOf('/', i + 1);
    const length = (end < 0 ? p.length : end) - i - 1;
    if (length === 0 || (length <= 2 && p.charCodeAt(i + 1) === DOT && (length === 1 || p.charCodeAt(i + 2) === DOT))) return false;
  }
  return true;
}

/** A Site in a file already made relative with relativeFile (the cheap form, for hot paths). */
export function siteIn(relative: string, loc: { line: number; column: number } | undefined): Site {
  return { file: relative, line: loc?.line ?? 1, column: (loc?.column ?? 0) + 1 };
}

export function toSite(root: string, file: string, loc: { line: number; column: number } | undefined): Site {
  return siteIn(relativeFile(root, file), loc);
}

/**
 * `s` as a string of its own. Acorn's names and string values of 13 characters or more are
 * slices of the file's source text, and keep all of it alive as long as they are kept: a name
 * stored for the rest of the analysis (an export, a pending call's module and member, a
 * remembered resolution) is copied so the source can go with the file's syntax tree. Copying
 * them cut the heap still held at the last file of eslint's tree from 14.6 to 13.1 MB.
 */
export function ownString(s: string): string {
  // JSON.parse makes one new flat string of the same characters (lone surrogates included: they
  // are escaped and read back). The slice of a concatenation it replaces kept two objects, a
  // 32-byte slice and its copy: 1.9 MiB for the 60,000 needs' paths of a 20,000-module tree.
  return s.length >= 13 ? (JSON.parse(JSON.stringify(s)) as string) : s;
}

export function formatSite(site: Site): string {
  return `${site.file}:${site.line}:${site.column}`;
}
