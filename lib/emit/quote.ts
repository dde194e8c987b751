// Quoting for the two places flags are written as text: a POSIX shell line and the
// NODE_OPTIONS variable (which Node splits on spaces, honouring double quotes and backslash
// escapes inside them).

const shellSafe = /^[A-Za-z0-9_\-=./:,@%+]+$/;

/** One word for a POSIX shell: as is when safe, else single-quoted. */
export function shellQuote(word: string): string {
  if (word !== '' && shellSafe.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** One word for NODE_OPTIONS: as is when it has no space, quote or backslash, else double-quoted. */
export function nodeOptionsQuote(word: string): string {
  if (word !== '' && !/[\s"'\\]/.test(word)) return word;
  return `"${word.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
