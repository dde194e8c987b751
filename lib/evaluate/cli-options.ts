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
  /** The one-letter form (`-o`), when declared. */
  short?: string;
  /** Whether the option takes a value (`--out <dir>`, `type: 'string'`); undefined when the declaration does not say. */
  takesValue?: boolean;
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
export function optionsObject(options: readonly DeclaredOption[], undeclared?: Site, argv?: readonly string[]): Value & { k: 'obj' } {
  const given = argv ? optionsGiven(argv, options) : undefined;
  const props = new Map<string, Value>();
  // An option declared twice (two commands with an --out each) may have either default.
  const byKey = new Map<string, DeclaredOption>();
  for (const o of options) {
    const seen = byKey.get(o.key);
    const dflt = seen?.default && o.default ? oneOf([seen.default, o.default], o.site) : undefined;
    byKey.set(o.key, seen ? { ...seen, ...(dflt ? { default: dflt } : { default: undefined }) } : o);
  }
  for (const o of byKey.values()) {
    // Given on the known command line: its value, as typed.
    const typed = given?.get(o.key);
    if (typed !== undefined) {
      props.set(o.key, typeof typed === 'string' ? { k: 'str', v: typed } : { k: 'bool', v: typed });
      continue;
    }
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
 * The values a known command line gives the declared options, by key: `--out x`, `--out=x`,
 * `-o x`, `--flag`, `--no-flag`. An option whose declaration does not say whether it takes a
 * value takes the next word unless that is another option. Stops at `--`.
 */
function optionsGiven(argv: readonly string[], options: readonly DeclaredOption[]): Map<string, string | boolean> {
  const given = new Map<string, string | boolean>();
  const byFlag = new Map<string, DeclaredOption>();
  for (const o of options) {
    byFlag.set(o.flag, o);
    if (o.short) byFlag.set(o.short, o);
  }
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') break;
    if (!word.startsWith('-') || word === '-') continue;
    const eq = word.indexOf('=');
    const flag = eq > 0 ? word.slice(0, eq) : word;
    const negated = flag.startsWith('--no-') ? byFlag.get('--' + flag.slice(5)) : undefined;
    if (negated) {
      given.set(negated.key, false);
      continue;
    }
    const option = byFlag.get(flag);
    if (!option) continue;
    if (eq > 0) given.set(option.key, word.slice(eq + 1));
    else if (option.takesValue !== false && i + 1 < argv.length && !(option.takesValue === undefined && argv[i + 1]!.startsWith('-'))) given.set(option.key, argv[++i]!);
    else given.set(option.key, true);
  }
  return given;
}

/** The words of a command line that are not options or their values (`positionals`), as `optionsGiven` reads them. */
function positionalsOf(argv: readonly string[], options: readonly DeclaredOption[]): string[] {
  const takes = new Set(options.filter((o) => o.takesValue !== false).flatMap((o) => [o.flag, ...(o.short ? [o.short] : [])]));
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') return [...out, ...argv.slice(i + 1)];
    if (word.startsWith('-') && word !== '-') {
      if (!word.includes('=') && takes.has(word) && i + 1 < argv.length) i++;
      continue;
    }
    out.push(word);
  }
  return out;
}

/**
 * The property and the flag of an option declared as commander and yargs spell it:
 * `-o, --out <dir>` → `out`, `--dry-run` → `dryRun`, `--no-color` → `color`, `out` → `out`.
 */
export function optionFromFlags(flags: string): { key: string; flag: string; short?: string; takesValue?: boolean } | undefined {
  const words = flags.split(/[\s,|]+/).filter((w) => w !== '' && !/^[<[]/.test(w));
  const long = words.find((w) => w.startsWith('--'));
  const short = words.find((w) => /^-[^-]/.test(w));
  const bare = words.find((w) => !w.startsWith('-'));
  const name = long ? long.slice(2).replace(/^no-/, '') : short ? short.slice(1) : bare?.replace(/^no-/, '');
  if (!name) return undefined;
  const key = name.replace(/-+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
  // commander: `<value>` or `[value]` after the flags takes a value, none is a switch.
  const takesValue = /[<[]/.test(flags) ? true : long || short ? false : undefined;
  return { key, flag: long ?? short ?? `--${name}`, ...(short && long ? { short } : {}), ...(takesValue !== undefined ? { takesValue } : {}) };
}

/**
 * `util.parseArgs(config)`: `{ values, positionals }` where `values` holds each declared option
 * (`config.options`) with its default; positionals are only known at run time.
 */
export function parseArgsResult(config: Value | undefined, site: Site, sites: ReadonlyMap<string, Site>, argv?: readonly string[]): Value {
  const options = config?.k === 'obj' ? config.props.get('options') : undefined;
  if (!options || options.k !== 'obj') return unknown('call-result', site, 'util.parseArgs');
  const declared: DeclaredOption[] = [];
  for (const [key, spec] of options.props) {
    const at = sites.get(key) ?? site;
    const type = spec.k === 'obj' ? spec.props.get('type') : undefined;
    const short = spec.k === 'obj' ? spec.props.get('short') : undefined;
    declared.push({
      key,
      flag: `--${key}`,
      ...(spec.k === 'obj' && spec.props.has('default') ? { default: spec.props.get('default')! } : {}),
      ...(type?.k === 'str' ? { takesValue: type.v === 'string' } : {}),
      ...(short?.k === 'str' ? { short: `-${short.v}` } : {}),
      site: at,
    });
  }
  // `args` in the config, else process.argv.slice(2) as Node takes it: known only when the command line is.
  const given = config?.k === 'obj' ? config.props.get('args') : undefined;
  const args = given?.k === 'arr' && given.items.every((i) => i.k === 'str') ? given.items.map((i) => (i as { v: string }).v) : given ? undefined : argv;
  // `strict: false` takes any option given; by default an undeclared one is an error at run time.
  const strict = config?.k === 'obj' ? config.props.get('strict') : undefined;
  const values = optionsObject(declared, strict?.k === 'bool' && !strict.v ? site : undefined, args);
  const positionals: Value = args ? { k: 'arr', items: positionalsOf(args, declared).map((v) => ({ k: 'str', v })) } : unknown('cli-argument', site, 'positionals');
  return { k: 'obj', props: new Map<string, Value>([['values', values], ['positionals', positionals]]) };
}

/**
 * What a parser that takes every option (minimist, mri) makes of a known command line:
 * `--name value`, `--name=value`, `--flag`, `--no-flag`, `-x value`, `-abc` (each letter true),
 * positionals under `_`. A name not typed is missing, as at run time.
 */
export function undeclaredOptions(argv: readonly string[]): Value & { k: 'obj' } {
  const props = new Map<string, Value>();
  const positionals: Value[] = [];
  const set = (key: string, value: string | boolean) => props.set(key, typeof value === 'string' ? { k: 'str', v: value } : { k: 'bool', v: value });
  const takesNext = (i: number) => i + 1 < argv.length && !argv[i + 1]!.startsWith('-');
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') {
      positionals.push(...argv.slice(i + 1).map((v): Value => ({ k: 'str', v })));
      break;
    }
    const long = /^--([^=]+)(?:=(.*))?$/s.exec(word);
    const short = /^-([^-].*)$/s.exec(word);
    if (long && long[2] !== undefined) set(long[1]!, long[2]);
    else if (long && long[1]!.startsWith('no-')) set(long[1]!.slice(3), false);
    else if (long) set(long[1]!, takesNext(i) ? argv[++i]! : true);
    else if (short && short[1]!.length === 1) set(short[1]!, takesNext(i) ? argv[++i]! : true);
    else if (short) for (const letter of short[1]!) set(letter, true);
    else positionals.push({ k: 'str', v: word });
  }
  props.set('_', { k: 'arr', items: positionals });
  return { k: 'obj', props };
}
