// The values of an app's own command-line options. A CLI names its output folder with
// `--out <dir>` and a default; the code then reads `opts.out`. The analysis cannot know what
// will be typed, so it takes the default the code declares and lists it as an assumption
// (kind `cli-option`); an option without a default is unknown (`cli-argument`), reported with
// its name so the user can add --read/--write for the value they pass.
//
// Two sources declare options: Node's own `util.parseArgs({ options })`, folded here, and a
// parser a package model describes (commander's `.option(flags, description, default)` and
// `.opts()`, lib/models/cli-options.ts), which builds the same object.

import type { Assumption, Site } from '../types.js';
import { alternatives, oneOf, unknown, type Value } from './value.js';

export interface DeclaredOption {
  /** The property the value is found under (`out`, `dryRun`). */
  key: string;
  /** The option as typed on the command line (`--out`), for the report. */
  flag: string;
  /** The declared default, when there is one. */
  default?: Value;
  site: Site;
}

/**
 * Values that stand for an option's default: reading one from the options object records the
 * assumption that the option keeps it (see `member` in ./index.ts). Weak, and keyed by the very
 * value object, so nothing else is ever taken for one.
 */
export const assumedDefaults = new WeakMap<Value, Assumption>();

/**
 * The object of option values: each default as declared, or unknown when there is none.
 * `undeclared`: where the parser also takes options the code does not declare, the site that
 * reads the object, so such a property is unknown too (otherwise it is missing, as at run time).
 */
export function optionsObject(options: readonly DeclaredOption[], undeclared?: Site): Value & { k: 'obj' } {
  const props = new Map<string, Value>();
  // An option declared twice (two commands with an --out each) may have either default.
  const byKey = new Map<string, DeclaredOption>();
  for (const o of options) {
    const seen = byKey.get(o.key);
    const dflt = seen?.default && o.default ? oneOf([seen.default, o.default], o.site) : undefined;
    byKey.set(o.key, seen ? { ...seen, ...(dflt ? { default: dflt } : { default: undefined }) } : o);
  }
  for (const o of byKey.values()) {
    const dflt = o.default && o.default.k !== 'nullish' ? o.default : undefined;
    const value: Value = dflt ? { ...dflt } : unknown('cli-argument', o.site, o.flag);
    // Only a default that is text names a path; a boolean or number default needs no assumption.
    const text = dflt && alternatives(dflt).every((a) => a.k === 'str') ? alternatives(dflt).map((a) => (a as { v: string }).v).join(' | ') : undefined;
    if (text !== undefined) assumedDefaults.set(value, { kind: 'cli-option', name: o.flag, value: text, site: o.site });
    props.set(o.key, value);
  }
  return { k: 'obj', props, ...(undeclared ? { rest: unknown('cli-argument', undeclared, 'an option the code does not declare') } : {}) };
}

/**
 * The property and the flag of an option declared as commander and yargs spell it:
 * `-o, --out <dir>` → `out`, `--dry-run` → `dryRun`, `--no-color` → `color`, `out` → `out`.
 */
export function optionFromFlags(flags: string): { key: string; flag: string } | undefined {
  const words = flags.split(/[\s,|]+/).filter((w) => w !== '' && !/^[<[]/.test(w));
  const long = words.find((w) => w.startsWith('--'));
  const short = words.find((w) => /^-[^-]/.test(w));
  const bare = words.find((w) => !w.startsWith('-'));
  const name = long ? long.slice(2).replace(/^no-/, '') : short ? short.slice(1) : bare?.replace(/^no-/, '');
  if (!name) return undefined;
  const key = name.replace(/-+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
  return { key, flag: long ?? short ?? `--${name}` };
}

/**
 * `util.parseArgs(config)`: `{ values, positionals }` where `values` holds each declared option
 * (`config.options`) with its default; positionals are only known at run time.
 */
export function parseArgsResult(config: Value | undefined, site: Site, sites: ReadonlyMap<string, Site>): Value {
  const options = config?.k === 'obj' ? config.props.get('options') : undefined;
  if (!options || options.k !== 'obj') return unknown('call-result', site, 'util.parseArgs');
  const declared: DeclaredOption[] = [];
  for (const [key, spec] of options.props) {
    const at = sites.get(key) ?? site;
    declared.push({ key, flag: `--${key}`, ...(spec.k === 'obj' && spec.props.has('default') ? { default: spec.props.get('default')! } : {}), site: at });
  }
  // `strict: false` takes any option given; by default an undeclared one is an error at run time.
  const strict = config?.k === 'obj' ? config.props.get('strict') : undefined;
  const values = optionsObject(declared, strict?.k === 'bool' && !strict.v ? site : undefined);
  return { k: 'obj', props: new Map<string, Value>([['values', values], ['positionals', unknown('cli-argument', site, 'positionals')]]) };
}
