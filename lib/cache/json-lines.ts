// A JSON value as lines, written and read one line at a time: the cache entry of a large
// project's report is tens of MiB of JSON (40 MB on the 20,000-module tree), and reading it as
// one text held that text, as a string and as bytes, beside the objects JSON.parse made of it
// (issue #19 item 4: what the next run passed 300 MiB by on Node 24). In lines, only one line's
// text is alive at a time, written or read.
//
// Arrays and objects down to a depth are opened: a line `[` or `{` opens one as the next value,
// `]` or `}` closes it, `:` and a JSON string names the member whose value comes next, and `=`
// and a JSON text is a whole value. JSON.stringify writes no line break (one in a string is
// escaped), so each line is one of these.

/** Whether JSON.stringify leaves `v` out of an object (and writes null for it in an array). */
const omitted = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** Whether `v` is an array or object that JSON.stringify writes member by member (no toJSON of its own). */
const container = (v: unknown): v is object => typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON !== 'function';

/**
 * The lines (without their line breaks) of `value` opened down to `depth` levels: what
 * `JsonLinesReader` reads back as JSON.parse(JSON.stringify(value)). A value JSON.stringify
 * cannot write (a BigInt, a cycle) throws as it would.
 */
export function* jsonLines(value: unknown, depth: number): Generator<string> {
  if (depth <= 0 || !container(value)) {
    yield `=${JSON.stringify(value) ?? 'null'}`;
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (const v of value as unknown[]) {
      if (omitted(v)) yield '=null';
      else yield* jsonLines(v, depth - 1);
    }
    yield ']';
    return;
  }
  yield '{';
  for (const key of Object.keys(value)) {
    const v: unknown = (value as Record<string, unknown>)[key];
    if (omitted(v)) continue;
    yield `:${JSON.stringify(key)}`;
    yield* jsonLines(v, depth - 1);
  }
  yield '}';
}

interface Open {
  value: unknown[] | Record<string, unknown>;
  /** The member whose value comes next (objects). */
  key?: string;
}

/**
 * Builds the value of `jsonLines`' lines as they come, so the text is never whole. `add` is false
 * for a line that does not belong (a damaged entry): the caller then drops the value.
 */
export class JsonLinesReader {
  private readonly open: Open[] = [];
  private root: { value: unknown } | undefined;

  add(line: string): boolean {
    const tag = line[0];
    if (tag === '=') return this.place(parsed(line));
    if (tag === '[' || tag === '{') {
      if (line.length !== 1) return false;
      const value = tag === '[' ? [] : {};
      if (!this.place(value)) return false;
      this.open.push({ value });
      return true;
    }
    if (tag === ']' || tag === '}') return line.length === 1 && this.close(tag === ']');
    if (tag === ':') {
      const top = this.open.at(-1);
      const key = parsed(line);
      if (top === undefined || Array.isArray(top.value) || top.key !== undefined || typeof key !== 'string') return false;
      top.key = key;
      return true;
    }
    return false;
  }

  /** The value, once every line has come and every array and object is closed. */
  value(): { value: unknown } | undefined {
    return this.open.length === 0 ? this.root : undefined;
  }

  private place(value: unknown): boolean {
    if (value === damaged) return false;
    const top = this.open.at(-1);
    if (top === undefined) {
      if (this.root !== undefined) return false;
      this.root = { value };
      return true;
    }
    if (Array.isArray(top.value)) {
      top.value.push(value);
      return true;
    }
    if (top.key === undefined) return false;
    // As JSON.parse makes it: a member named __proto__ is an own member, not the prototype.
    if (top.key === '__proto__') Object.defineProperty(top.value, top.key, { value, writable: true, enumerable: true, configurable: true });
    else top.value[top.key] = value;
    top.key = undefined;
    return true;
  }

  private close(array: boolean): boolean {
    const top = this.open.at(-1);
    if (top === undefined || Array.isArray(top.value) !== array || top.key !== undefined) return false;
    this.open.pop();
    return true;
  }
}

const damaged = Symbol('damaged');

/** The JSON text after a line's tag, or `damaged`. */
function parsed(line: string): unknown {
  try {
    return JSON.parse(line.slice(1)) as unknown;
  } catch {
    return damaged;
  }
}
