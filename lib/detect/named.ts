// Values by name for what every module keeps to the end of the graph stage: its exports and the
// members of an exported object (flow.ts's ExportTable). A Map costs some 290 bytes even with
// one entry, and the 20,000-module tree kept two per module (10 MiB live, so about as much
// peak RSS; issue #19 item 4). A table holds a handful of names as a rule, so after it is made
// its names and values alternate in one array of exactly that length; a larger one stays a Map,
// where a search through the array would cost more than the Map saves. Either is data (no
// class, no prototype of its own): an examination record holds tables and is serialised.

import { ownString } from '../site.js';

/** Values by name, in the order first set: a Map, or names and values alternating in one array. */
export type Named<T> = ReadonlyMap<string, T> | readonly (string | T)[];

/** More names than this stay a Map. */
const listedUpTo = 8;

/** The value named `name`, if any. */
export function namedValue<T>(n: Named<T>, name: string): T | undefined {
  if (!Array.isArray(n)) return (n as ReadonlyMap<string, T>).get(name);
  for (let i = 0; i < n.length; i += 2) if (n[i] === name) return n[i + 1] as T;
  return undefined;
}

/** How many names. */
export function namedCount<T>(n: Named<T>): number {
  return Array.isArray(n) ? n.length / 2 : (n as ReadonlyMap<string, T>).size;
}

/** Every value, in order. */
export function namedValues<T>(n: Named<T>): T[] {
  if (!Array.isArray(n)) return [...(n as ReadonlyMap<string, T>).values()];
  const out: T[] = [];
  for (let i = 1; i < n.length; i += 2) out.push(n[i] as T);
  return out;
}

/** Every name and its value, in order. */
export function* namedPairs<T>(n: Named<T>): Generator<[string, T]> {
  if (!Array.isArray(n)) {
    yield* (n as ReadonlyMap<string, T>).entries();
    return;
  }
  for (let i = 0; i < n.length; i += 2) yield [n[i] as string, n[i + 1] as T];
}

/** A Map to add names to: `n` itself when it is one, else a new Map of its pairs. */
export function namedMap<T>(n: Named<T> | undefined): Map<string, T> {
  if (n instanceof Map) return n as Map<string, T>;
  return new Map(n === undefined ? [] : namedPairs(n));
}

/**
 * The compact form of a table that is made: an array of exactly its pairs, or the Map when it is
 * large. Its names are made strings of their own (ownString): a name of 13 characters or more
 * is a slice of its file's source text, and a table kept to the end of the graph stage kept
 * that whole text with it (1.4 MB of eslint's sources at its 480th file, mem-19).
 */
export function compactNamed<T>(n: Named<T>): Named<T> {
  if (Array.isArray(n)) return n;
  const map = n as ReadonlyMap<string, T>;
  if (map.size > listedUpTo) return withOwnNames(map);
  const out = new Array<string | T>(map.size * 2);
  let i = 0;
  for (const [name, value] of map.entries()) {
    out[i++] = ownString(name);
    out[i++] = value;
  }
  return out;
}

/** A large table with its names made strings of their own; itself when no name is long enough to be a slice (ownString). */
function withOwnNames<T>(map: ReadonlyMap<string, T>): ReadonlyMap<string, T> {
  for (const name of map.keys()) if (name.length >= 13) return new Map([...map].map(([k, v]) => [ownString(k), v]));
  return map;
}
