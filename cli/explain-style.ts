// Terminal styling for the human-readable views (--explain, why, packages): colours that are
// switched off unless the stream is a terminal and NO_COLOR is unset, and column alignment that
// measures text without its colour codes.

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
}

const sgr = (open: number, close: number) => (text: string) => (text === '' ? text : `\x1b[${open}m${text}\x1b[${close}m`);
const plain = (text: string) => text;

/** Colours only for a terminal, and never when NO_COLOR is set to anything but '' (no-color.org). */
export function styleFor(isTTY: boolean, env: Record<string, string | undefined>): Style {
  const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
  if (!isTTY || noColor) return { bold: plain, dim: plain, red: plain, yellow: plain, green: plain, cyan: plain };
  return { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), yellow: sgr(33, 39), green: sgr(32, 39), cyan: sgr(36, 39) };
}

// Matches the SGR sequences above (and any other CSI sequence) so widths ignore them.
const escapes = /\x1b\[[0-9;]*[A-Za-z]/g;

function visibleWidth(text: string): number {
  return [...text.replace(escapes, '')].length;
}

/**
 * Rows of cells as aligned lines: every column but the last is padded to its widest cell, and
 * trailing spaces are dropped. Cells may be coloured.
 */
export function columns(rows: string[][], indent = '', gap = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleWidth(cell))));
  return rows.map((row) =>
    (indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - visibleWidth(cell)))).join(gap)).trimEnd(),
  );
}

/** "1 path", "3 paths". */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
