// The source line behind a Site, read when a view is rendered (the report keeps only
// file:line:column). Text from the analysed project is untrusted: control characters are
// replaced so a file cannot send escape sequences to the terminal, and a long (minified) line
// is cut to a window around the column.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Site } from '../lib/index.js';

const maxWidth = 100;

/** Printable text: tabs become spaces, other control and bidi-override characters become '?'. */
function printable(text: string): string {
  return text.replace(/\t/g, '  ').replace(/[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g, '?');
}

/** Lines of the project's files, each file read once per rendering. */
export class SourceLines {
  private readonly files = new Map<string, string[] | undefined>();

  constructor(private readonly root: string) {}

  /** The line of a site, trimmed and at most about 100 characters; undefined when unreadable. */
  at(site: Site): string | undefined {
    const line = this.lines(site.file)?.[site.line - 1];
    if (line === undefined) return undefined;
    const indent = line.length - line.trimStart().length;
    let text = line.trim();
    if (text.length > maxWidth) {
      // Keep the column in view: start a little before it on a long line.
      const start = Math.max(0, Math.min(site.column - 1 - indent - 30, text.length - maxWidth));
      text = (start > 0 ? '…' : '') + text.slice(start, start + maxWidth) + (start + maxWidth < text.length ? '…' : '');
    }
    return printable(text);
  }

  private lines(file: string): string[] | undefined {
    if (!this.files.has(file)) {
      let lines: string[] | undefined;
      try {
        lines = fs.readFileSync(path.join(this.root, file), 'utf8').split(/\r?\n/);
      } catch {
        lines = undefined;
      }
      this.files.set(file, lines);
    }
    return this.files.get(file);
  }
}
