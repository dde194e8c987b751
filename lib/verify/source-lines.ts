// The text of a line of a file on the stack of a recorded access, for verify's site match
// (classify.ts): a call chained over lines (`return glob\n    .sync(p, o)`) is reported at its
// start, while V8's frame stands at the member's name, lines below.
import * as fs from 'node:fs';

/** Files past this size are not read for their lines: a bundle that large is one line or few. */
const MAX_SOURCE_BYTES = 8 * 1024 * 1024;

/** Reads each file once; a line that is not there (or a file that cannot be read) is undefined. */
export function sourceLineReader(): (file: string, line: number) => string | undefined {
  const files = new Map<string, string[] | undefined>();
  return (file, line) => {
    if (!files.has(file)) files.set(file, linesOf(file));
    return files.get(file)?.[line - 1];
  };
}

function linesOf(file: string): string[] | undefined {
  try {
    if (fs.statSync(file).size > MAX_SOURCE_BYTES) return undefined;
    return fs.readFileSync(file, 'utf8').split(/\r?\n/);
  } catch {
    return undefined;
  }
}
