// node:path and node:url functions applied to abstract values. A known prefix survives a
// join (`join(__dirname, 'uploads', name)` is "<dir>/uploads/" + unknown); anything the
// functions could turn into an unrelated path becomes unknown instead of a guess.

import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Site } from '../types.js';
import { alternatives, oneOf, str, unknown, MAX_ALTERNATIVES, MAX_STRING_LENGTH, type Value } from './value.js';

/** Every combination of the arguments' alternatives (bounded), mapped through `fn`. */
function product(args: Value[], site: Site, fn: (parts: Value[]) => Value): Value {
  let combos: Value[][] = [[]];
  for (const a of args) {
    const next: Value[][] = [];
    for (const combo of combos) for (const alt of alternatives(a)) next.push([...combo, alt]);
    if (next.length > MAX_ALTERNATIVES) return unknown('value-limit', site);
    combos = next;
  }
  return oneOf(combos.map(fn), site);
}

function textOf(v: Value): Value {
  if (v.k === 'url') return str(v.href);
  return v;
}

/** path.join / path.resolve over parts that may be partly unknown. */
function joinParts(parts: Value[], site: Site, resolveFrom?: string): Value {
  const known: string[] = resolveFrom ? [resolveFrom] : [];
  // The joined length is at most the parts' lengths and a separator each (resolve may put the
  // current folder before them): checked before joining, like concat (MAX_STRING_LENGTH).
  let length = resolveFrom?.length ?? 0;
  for (let i = 0; i < parts.length; i++) {
    const p = textOf(parts[i]!);
    if ((p.k === 'str' || p.k === 'prefix') && (length += p.v.length + 1) > MAX_STRING_LENGTH) return unknown('value-limit', site);
    if (p.k === 'str') {
      known.push(p.v);
      continue;
    }
    if (p.k !== 'prefix' && p.k !== 'unknown') return unknown('not-a-string', site);
    // With nothing known before it (or an unknown that could be absolute in resolve), nothing stays known.
    const anchored = resolveFrom ? path.resolve(...known) : known.length > 0 ? path.join(...known) : '';
    if (p.k === 'unknown') return anchored === '' ? p : { k: 'prefix', v: anchored.endsWith('/') ? anchored : anchored + '/', cause: p };
    // resolve() starts again at an absolute part: `resolve(cwd, '/srv/' + x)` is under /srv/, not cwd.
    const restarts = resolveFrom !== undefined && path.isAbsolute(p.v);
    const joined = anchored === '' || restarts ? p.v : anchored.endsWith('/') ? anchored + p.v : anchored + '/' + p.v;
    // Nothing known at all: path.normalize('') is '.', which would read as "a name starting with
    // a dot in the working folder" (it was granted as `<cwd>*` before prefixes were judged).
    if (joined === '') return p.cause;
    return { k: 'prefix', v: path.normalize(joined), cause: p.cause };
  }
  return str(resolveFrom ? path.resolve(...known) : path.join(...known));
}

/** Applies `path.<fn>` (or `path.posix.<fn>`), or returns undefined when it is not one we fold. */
/** `runCwd` (the run folder) is asked for only when the result depends on it (resolve, relative), so the assumption is recorded only then. */
export function applyPath(fn: string, args: Value[], site: Site, runCwd: () => string): Value | undefined {
  switch (fn) {
    case 'join':
      return product(args, site, (parts) => joinParts(parts, site));
    case 'resolve':
      return product(args, site, (parts) => joinParts(parts, site, parts.some((p) => p.k === 'str' && path.isAbsolute(p.v)) ? '/' : runCwd()));
    case 'normalize':
      return product(args.slice(0, 1), site, ([p]) =>
        p!.k === 'str' ? str(path.normalize(p!.v)) : p!.k === 'prefix' ? { ...p!, v: path.normalize(p!.v) } : p!,
      );
    case 'dirname':
      return product(args.slice(0, 1), site, ([p]) => {
        if (p!.k === 'str') return str(path.dirname(p!.v));
        // The dirname of "<dir>/" + unknown lies somewhere at or below <dir>.
        if (p!.k === 'prefix') return { k: 'prefix', v: p!.v.slice(0, p!.v.lastIndexOf('/') + 1), cause: p!.cause };
        return p!;
      });
    case 'basename':
    case 'extname':
      return product(args, site, (parts) => {
        if (parts.every((p) => p.k === 'str')) {
          const [p, ext] = parts.map((x) => (x as { v: string }).v);
          return str(fn === 'basename' ? path.basename(p!, ext) : path.extname(p!));
        }
        return unknown('call-result', site);
      });
    case 'relative':
      return product(args.slice(0, 2), site, ([a, b]) =>
        a!.k === 'str' && b!.k === 'str' ? str(path.relative(path.resolve(runCwd(), a!.v), path.resolve(runCwd(), b!.v))) : unknown('call-result', site),
      );
    default:
      return undefined;
  }
}

/** url.fileURLToPath(x) and url.pathToFileURL(x). */
export function applyUrl(fn: string, args: Value[], site: Site, runCwd: () => string): Value | undefined {
  if (args.length === 0 && (fn === 'fileURLToPath' || fn === 'pathToFileURL')) return unknown('not-a-string', site);
  if (fn === 'fileURLToPath') {
    return product(args.slice(0, 1), site, ([u]) => {
      const href = u!.k === 'url' ? u!.href : u!.k === 'str' ? u!.v : undefined;
      if (href === undefined) return u!.k === 'unknown' ? u! : unknown('not-a-string', site);
      try {
        return str(fileURLToPath(href));
      } catch {
        return unknown('not-a-string', site);
      }
    });
  }
  if (fn === 'pathToFileURL') {
    return product(args.slice(0, 1), site, ([p]) => (p!.k === 'str' ? { k: 'url', href: pathToFileURL(path.resolve(runCwd(), p!.v)).href } : p!));
  }
  return undefined;
}

/** `new URL(input, base)`. A relative input against an unknown base stays unknown. */
export function newUrl(args: Value[], site: Site): Value {
  // `new URL()` throws at run time; with no input there is nothing to fold (found by test/fuzz.test.ts).
  if (args.length === 0) return unknown('not-a-string', site);
  return product(args.slice(0, 2), site, ([input, base]) => {
    const i = input!.k === 'url' ? str(input!.href) : input!;
    const b = base === undefined ? undefined : base.k === 'url' ? str(base.href) : base;
    if ((i.k === 'unknown' || i.k === 'prefix') && b?.k === 'str') return urlUnderBase(i, b.v);
    if (i.k !== 'str') return i.k === 'unknown' ? i : unknown('not-a-string', site);
    if (b !== undefined && b.k !== 'str') return b.k === 'unknown' ? b : unknown('not-a-string', site);
    try {
      return { k: 'url', href: new URL(i.v, b?.v).href };
    } catch {
      return unknown('not-a-string', site);
    }
  });
}

/**
 * `new URL(name, dirUrl)` with a name known only at run time (a loop over a folder's entries):
 * a relative name resolves inside the base's folder, so the value is that folder's path as a
 * prefix (granted as the folder, `<dir>/*`), or the path up to the name's known start
 * (`new URL('./page-' + id, dir)`). A name that may be absolute or a URL of its own cannot be
 * placed: unknown.
 */
function urlUnderBase(input: Value & ({ k: 'unknown' } | { k: 'prefix' }), base: string): Value {
  const start = input.k === 'prefix' ? input.v : '';
  const cause = input.k === 'prefix' ? input.cause : input;
  // Only a start that stays relative to the base: not `/x`, `//host`, `file:` or `?`/`#`.
  if (!base.startsWith('file:') || /^([a-zA-Z][a-zA-Z0-9+.-]*:|\/|\?|#)/.test(start) || start.includes('..')) return cause;
  try {
    const resolved = new URL(start === '' ? './' : start, base);
    if (resolved.search || resolved.hash) return cause;
    const dir = fileURLToPath(resolved);
    return { k: 'prefix', v: start === '' || start.endsWith('/') ? dir.replace(/\/?$/, '/') : dir, cause };
  } catch {
    return cause;
  }
}
