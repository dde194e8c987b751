// Path templates of package models: `{arg1.dest}`, `{cwd}/.env`, `{arg0|dirname}`. Filling one
// turns a call's argument values into a path value the detect sink judges like any other, so a
// value the analysis could not fold stays unknown and is reported, never allowed.

import * as path from 'node:path';
import type { DetectOptions } from '../detect/index.js';
import { alternatives, concat, oneOf, runCwdOf, str, unknown, type Value } from '../evaluate/index.js';
import type { Site } from '../types.js';
import { fastGlob } from '../host.js';

/** What a template is filled from: the call's arguments and the modelled package's folder. */
export interface TemplateInput {
  args: Value[];
  site: Site;
  packageDir: string;
  /** The calling file's package root (`{callerPackage}`), where the caller is known and has one. */
  callerPackage?: string;
  /** Argument values that name no file (`:memory:`): such alternatives are dropped. */
  except?: readonly string[];
  /**
   * `path` (the default): an argument that cannot be a path (an options object, a function, a
   * number such as a file descriptor) counts as missing. `presence`: any value counts, for `when`.
   */
  mode?: 'path' | 'presence';
}

/** Values that can stand for a path: a string, a URL, a known start, or something unknown. */
const pathLike = (v: Value) => v.k === 'str' || v.k === 'url' || v.k === 'prefix' || v.k === 'unknown';

const filters = ['dirname', 'basename', 'globbase', 'invertcase', 'stem', 'resolve'] as const;
type Filter = (typeof filters)[number];

interface Placeholder {
  head: string;
  props: string[];
  filter?: Filter;
}

const placeholderPattern = /(\{[^}]+\})/;

function parsePlaceholder(text: string): Placeholder | string {
  const [ref, filter, ...extra] = text.split('|');
  const [head, ...props] = ref!.split('.');
  if (extra.length > 0 || (filter !== undefined && !(filters as readonly string[]).includes(filter))) {
    return `unknown filter in {${text}} (filters: ${filters.join(', ')})`;
  }
  if (!/^arg\d+$/.test(head!) && !['cwd', 'package', 'home', 'tmp', 'env', 'main', 'cli', 'uid', 'execPath', 'callerPackage'].includes(head!)) {
    return `unknown placeholder {${text}} (use argN, cwd, package, home, tmp, main, cli, uid, execPath, callerPackage or env.NAME)`;
  }
  if (head === 'env' && props.length !== 1) return `{${text}} must name one variable: {env.NAME}`;
  if (!/^arg\d+$/.test(head!) && head !== 'env' && props.length > 0) return `{${text}} has no properties`;
  return { head: head!, props, ...(filter ? { filter: filter as Filter } : {}) };
}

/** Problems with a template's placeholders, as readable strings. */
export function templateProblems(template: string): string[] {
  return template
    .split(placeholderPattern)
    .filter((part) => /^\{[^}]+\}$/.test(part))
    .flatMap((part) => {
      const parsed = parsePlaceholder(part.slice(1, -1));
      return typeof parsed === 'string' ? [parsed] : [];
    });
}

/**
 * A property of a value; an array stands for each of its items (`{arg0.streams.path}`). Arrays
 * that share items (`[b, b, …]` of `[a, a, …]`) are looked into once each (`seen`), so the
 * cost is the value's size, not the number of paths through it.
 */
function member(v: Value, name: string, site: Site, seen = new Map<Value, Value>()): Value {
  if (v.k === 'obj') return v.props.get(name) ?? v.rest ?? { k: 'nullish' };
  if (v.k === 'unknown') return v;
  if (v.k !== 'arr' && v.k !== 'oneOf') return { k: 'nullish' };
  const done = seen.get(v);
  if (done) return done;
  const result = withoutNullish((v.k === 'arr' ? v.items : v.vs).map((x) => member(x, name, site, seen)), site);
  seen.set(v, result);
  return result;
}

/** One of `values` with the missing ones left out; missing when all are. */
function withoutNullish(values: Value[], site: Site): Value {
  const present = values.flatMap(alternatives).filter((a) => a.k !== 'nullish');
  return present.length === 0 ? { k: 'nullish' } : oneOf(present, site);
}

/**
 * The static folder a glob pattern starts from, as fast-glob computes it: a dynamic pattern
 * (`src/**\/*.js`) reads the whole subtree of its base, written as the prefix `src/`; a static
 * one (`a.txt`) is read as it is; a negated one (`!x`) reads nothing.
 */
function globBase(pattern: string, site: Site): Value {
  const tasks = fastGlob().generateTasks([pattern]);
  return withoutNullish(
    tasks.map((task) => (task.dynamic ? { k: 'prefix', v: `${task.base}/`, cause: unknown('model-folder', site) } : oneOf(task.patterns.map(str), site))),
    site,
  );
}

/** Each letter in the other case: how some tools probe whether the file system is case-sensitive. */
function invertCase(s: string): string {
  let out = '';
  for (const c of s) {
    const upper = c.toUpperCase();
    out += c === upper ? c.toLowerCase() : upper;
  }
  return out;
}

/** A glob's magic in a pattern's text: a wildcard, a class, a brace, or an extglob's `@(`, `!(`, `+(`. */
const globMagic = /[*?[{]|[@!+]\(/;

/**
 * The base of a pattern whose start is known and whose end is not. When the known start already
 * holds a glob's magic (sass-graph's `dir + '/**\/*.@(' + extensions.join('|') + ')'`), the base
 * is the folder before it, whatever follows: the subtree of `scss/`. Kept whole before, the
 * pattern's text became a grant with `*` in it, refused as FS_PATH_NOT_EXPRESSIBLE with a hint
 * to rename a file. Otherwise the known start stands (the rest may hold the magic).
 */
function knownGlobBase(a: Value & { k: 'prefix' }, site: Site): Value {
  const magic = a.v.search(globMagic);
  if (magic < 0) return a;
  return { k: 'prefix', v: a.v.slice(0, a.v.lastIndexOf('/', magic) + 1), cause: unknown('model-folder', site) };
}

function applyFilter(v: Value, filter: Filter, site: Site): Value {
  return withoutNullish(
    alternatives(v).map((a): Value => {
      // Applied where the path is put together (fillTemplate): the value itself is unchanged.
      if (filter === 'resolve') return a;
      if (a.k === 'str') {
        if (filter === 'dirname') return str(path.dirname(a.v));
        if (filter === 'basename') return str(path.basename(a.v));
        // The name without its extension, as `path.basename(p, path.extname(p))` gives it (commander's program name).
        if (filter === 'stem') return str(path.basename(a.v, path.extname(a.v)));
        if (filter === 'invertcase') return str(invertCase(a.v));
        return globBase(a.v, site);
      }
      // A known start keeps the folders it names; its last part is not known.
      if (a.k === 'prefix' && filter === 'dirname') return a.v.includes('/') ? { ...a, v: a.v.slice(0, a.v.lastIndexOf('/') + 1) } : a.cause;
      if (a.k === 'prefix' && filter === 'globbase') return knownGlobBase(a, site);
      if (a.k === 'prefix') return a.cause;
      return a;
    }),
    site,
  );
}

function placeholderValue(p: Placeholder, input: TemplateInput, options: DetectOptions): Value {
  const { env } = options;
  let v: Value;
  if (p.head.startsWith('arg')) {
    v = input.args[Number(p.head.slice(3))] ?? { k: 'nullish' };
    for (const name of p.props) v = member(v, name, input.site);
    if (v.k === 'arr') v = withoutNullish(v.items, input.site);
    if (input.mode !== 'presence') v = withoutNullish(alternatives(v).filter(pathLike), input.site);
    if (input.except?.length) {
      v = withoutNullish(alternatives(v).filter((a) => !(a.k === 'str' && input.except!.includes(a.v))), input.site);
    }
  } else if (p.head === 'cwd') {
    v = str(runCwdOf(env, input.site));
  } else if (p.head === 'package') v = str(input.packageDir);
  // Found from the stack at run time (bindings): the analysis knows it where it knows the caller.
  else if (p.head === 'callerPackage') v = input.callerPackage !== undefined ? str(input.callerPackage) : unknown('global', input.site, 'the calling file\'s package root');
  else if (p.head === 'home') v = str(env.facts.homedir);
  else if (p.head === 'tmp') v = str(env.facts.tmpdir);
  // The user the app runs as: known only then, so a template with it is granted up to it, as a prefix.
  else if (p.head === 'uid') v = unknown('global', input.site, 'the user id the app runs as');
  // A value given on the command line when the app runs: never known here, always reported.
  else if (p.head === 'cli') v = unknown('cli-argument', input.site, 'a value given on the command line');
  // The Node binary the app runs with: chosen when it runs, so an effect naming it is reported.
  else if (p.head === 'execPath') v = unknown('global', input.site, 'process.execPath');
  // The script the app was started with (process.argv[1]): each entry the analysis starts from.
  else if (p.head === 'main') v = options.entries?.length ? oneOf(options.entries.map(str), input.site) : unknown('global', input.site, 'process.argv[1]');
  else {
    const name = p.props[0]!;
    v = env.facts.env[name] !== undefined ? str(env.facts.env[name]!) : unknown('env-unbound', input.site, name);
  }
  return p.filter && v.k !== 'nullish' ? applyFilter(v, p.filter, input.site) : v;
}

function partValue(part: string, input: TemplateInput, options: DetectOptions): Value {
  if (!/^\{[^}]+\}$/.test(part)) return str(part);
  const parsed = parsePlaceholder(part.slice(1, -1));
  return typeof parsed === 'string' ? unknown('unsupported-expression', input.site, part) : placeholderValue(parsed, input, options);
}

/** Fills a template; missing (nullish) when any placeholder has no value at this call. */
export function fillTemplate(template: string, input: TemplateInput, options: DetectOptions): Value {
  const parts = template.split(placeholderPattern).filter((part) => part !== '');
  // A lone placeholder keeps its value as it is (an options object for `when`, a URL).
  if (parts.length === 1) return partValue(parts[0]!, input, options);
  let acc: Value = str('');
  for (const part of parts) {
    const v = partValue(part, input, options);
    if (v.k === 'nullish') return v;
    acc = part.endsWith('|resolve}') ? resolvedFrom(acc, v, input.site) : concat(acc, v, input.site);
  }
  return acc;
}

/**
 * `{main|dirname}/{arg0|resolve}`: the argument resolved from what the template wrote before it,
 * as `path.resolve(dir, arg)` does it (commander's executableDir): an absolute value stands as it
 * is. Plain concatenation put `path.join(__dirname, 'cmds')` under the entry's folder a second
 * time, so the folder was neither granted nor searched (`miss-commander-executable-dir-absolute`).
 */
function resolvedFrom(before: Value, v: Value, site: Site): Value {
  const absolute = (a: Value) => (a.k === 'str' || a.k === 'prefix') && path.isAbsolute(a.v);
  return oneOf(alternatives(v).map((a) => (absolute(a) ? a : concat(before, a, site))), site);
}
