// "Did you mean": the closest known word to a mistyped option or subcommand, as eslint, npm and
// git suggest one. A word qualifies when few edits (a swap counts as one) turn it into the known
// one, relative to its length, so `--fromat` finds `--format` but `--x` finds nothing.

/** Edit distance with adjacent transpositions (optimal string alignment). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The known word closest to `word`, when it is close enough to be what was meant. */
export function closest(word: string, known: readonly string[]): string | undefined {
  const bare = word.replace(/^-+/, '').toLowerCase();
  let best: { word: string; d: number } | undefined;
  for (const k of known) {
    const d = distance(bare, k.replace(/^-+/, '').toLowerCase());
    if (d <= Math.max(1, Math.floor(bare.length / 3)) && (!best || d < best.d)) best = { word: k, d };
  }
  return best?.word;
}

/**
 * A hint for a node:util.parseArgs error: "did you mean --format?" for an unknown option close to
 * one of `options` (the parseArgs option names, without dashes), else `fallback`.
 */
export function optionHint(message: string, options: readonly string[], fallback: string): string {
  const unknown = /^Unknown option '([^']+)'/.exec(message)?.[1];
  const guess = unknown === undefined ? undefined : closest(unknown.replace(/=.*$/, ''), options.map((o) => `--${o}`));
  return guess ? `did you mean ${guess}? (${fallback})` : fallback;
}
