// JSON text in pieces: the cache entry of a large project's report is tens of MiB of JSON, and
// JSON.stringify of it at once held that text, then its UTF-8 bytes, then those bytes behind the
// header, all alive together at the end of the run (issue #19 item 4: 130 MiB of the first run's
// peak on the 20,000-module tree). Written piece by piece, only one piece is alive at a time.

/** Whether JSON.stringify leaves `v` out of an object (and writes null for it in an array). */
const omitted = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** Whether `v` is an array or object that JSON.stringify writes member by member (no toJSON of its own). */
const container = (v: unknown): v is object => typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON !== 'function';

/**
 * The text of JSON.stringify(value) (no replacer, no indent) as pieces whose concatenation is that
 * text exactly: arrays and objects are opened down to `depth` levels, what lies below is one piece.
 * A value JSON.stringify cannot write (a BigInt, a cycle) throws as it would.
 */
export function* jsonChunks(value: unknown, depth: number): Generator<string> {
  if (depth <= 0 || !container(value)) {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      const v: unknown = value[i];
      if (omitted(v)) yield 'null';
      else yield* jsonChunks(v, depth - 1);
    }
    yield ']';
    return;
  }
  yield '{';
  let first = true;
  for (const key of Object.keys(value)) {
    const v: unknown = (value as Record<string, unknown>)[key];
    if (omitted(v)) continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    yield* jsonChunks(v, depth - 1);
  }
  yield '}';
}
