// Progress of a long analysis on stderr: one line, rewritten in place, with the files analysed
// and the package being read. Only when stderr is a terminal (a log or a pipe gets nothing), at
// most every 100 ms, and the line is cleared before anything else is printed.

import { escapeControl } from './escape.js';
import type { AnalyzeProgress } from '../lib/index.js';
import type { CommandIO } from './command.js';
import { packageLabel } from './explain-packages.js';

export interface ProgressLine {
  /** Pass to analyze(); undefined when progress is not shown. */
  onProgress?: (progress: AnalyzeProgress) => void;
  /** Clears the line; call before printing anything else to stderr or stdout. */
  done(): void;
}

export interface ProgressOptions {
  /** Least time between two updates. Default: 100 ms. */
  intervalMs?: number;
  /** Clock, for tests. Default: Date.now. */
  now?: () => number;
  /** Longest line written. Default: 100 characters, less than most terminals are wide. */
  width?: number;
}

const clearLine = '\r\x1b[K';

export function progressLine(io: CommandIO, options: ProgressOptions = {}): ProgressLine {
  if (!io.stderrIsTTY) return { done: () => {} };
  const interval = options.intervalMs ?? 100;
  const now = options.now ?? Date.now;
  const width = options.width ?? 100;
  let last: number | undefined;
  let shown = false;
  return {
    onProgress(p) {
      const t = now();
      if (last !== undefined && t - last < interval) return;
      last = t;
      // Names from the project are escaped (cli/escape.ts).
      const head = `analysing: ${p.files} of ${p.found} files found · ${escapeControl(packageLabel(p.package))} `;
      const room = width - head.length;
      // The end of a long path says more than its start (node_modules/…/lib/file.js).
      const name = escapeControl(p.file);
      const file = room <= 1 ? '' : name.length > room ? `…${name.slice(name.length - room + 1)}` : name;
      io.stderr(`${clearLine}${head}${file}`);
      shown = true;
    },
    done() {
      if (shown) io.stderr(clearLine);
      shown = false;
    },
  };
}
