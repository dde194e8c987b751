// The one place a parser position becomes a Site: acorn reports 0-based columns, Sites are
// 1-based and project-relative with POSIX separators.

import * as path from 'node:path';
import type { Site } from './types.js';

/** A file as Sites name it: relative to the project root, POSIX separators. */
export function relativeFile(root: string, file: string): string {
  const rel = path.relative(root, file).split(path.sep).join('/');
  return rel === '' ? '.' : rel;
}

/** A Site in a file already made relative with relativeFile (the cheap form, for hot paths). */
export function siteIn(relative: string, loc: { line: number; column: number } | undefined): Site {
  return { file: relative, line: loc?.line ?? 1, column: (loc?.column ?? 0) + 1 };
}

export function toSite(root: string, file: string, loc: { line: number; column: number } | undefined): Site {
  return siteIn(relativeFile(root, file), loc);
}

export function formatSite(site: Site): string {
  return `${site.file}:${site.line}:${site.column}`;
}
