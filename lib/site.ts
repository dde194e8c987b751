// The one place a parser position becomes a Site: acorn reports 0-based columns, Sites are
// 1-based and project-relative with POSIX separators.

import * as path from 'node:path';
import type { Site } from './types.js';

export function toSite(root: string, file: string, loc: { line: number; column: number } | undefined): Site {
  const rel = path.relative(root, file).split(path.sep).join('/');
  return { file: rel === '' ? '.' : rel, line: loc?.line ?? 1, column: (loc?.column ?? 0) + 1 };
}

export function formatSite(site: Site): string {
  return `${site.file}:${site.line}:${site.column}`;
}
