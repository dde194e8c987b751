// The package model format: data that says what a package's API touches, for packages whose
// behaviour the analysis cannot recover (classes, native code, files read by convention).
// One JSON file per package (and version range); see docs/models.md.

import { booleanCapabilities } from '../capabilities.js';
import type { BooleanCapability } from '../types.js';
import { templateProblems } from './template.js';
import { fastGlob } from '../host.js';

/**
 * A path template: text with placeholders — `{arg0}` (an argument), `{arg1.dest}` (a property
 * of one), `{cwd}` (the run-time folder), `{package}` (the package's own folder), `{env.NAME}`,
 * `{home}`, `{tmp}`, `{execPath}` (the Node binary: known only at run time, so reported). An
 * array stands for each of its items, also along a property path (`{arg0.streams.path}`). A placeholder may end in a filter: `{arg0|dirname}` (the folder
 * holding the path), `{arg0|basename}`, `{arg0|globbase}` (the folder a glob pattern reads
 * below, as a whole subtree; a pattern without wildcards is read as it is).
 */
export type PathTemplate = string;

/** When an effect applies; both are optional. */
export interface EffectCondition {
  /**
   * Only when this template is known to have a value other than `false` at the call
   * (`{arg0.transport}`, `{arg0.mkdir}`): an option that is given. An argument the analysis
   * cannot fold does not switch the effect on.
   */
  when?: PathTemplate;
  /**
   * Only when this template surely has no value at the call (`{arg2}`: the argument is not
   * passed), where the package falls back on a default of its own (koa-send without options
   * reads from the working folder). A value the analysis cannot fold may be given: no effect.
   */
  unless?: PathTemplate;
  /** Argument values that name no file (`:memory:`): they are dropped before the template is filled. */
  except?: string[];
  /**
   * Only when these arguments may be one of the given strings (`{ "arg0": "views" }` for
   * `app.set('views', dir)`): an effect of one setting among many that share a method.
   */
  if?: Record<string, string | string[]>;
  /**
   * Only for the paths that do not exist when the analysis runs: a folder the package creates
   * when it is missing (winston's log folder), granted whole only then, since writing inside an
   * existing one needs no more than the file.
   */
  onlyIfMissing?: boolean;
  /**
   * Only when none of these paths exists when the analysis runs (a path that does not fold
   * counts as missing): a lookup the package makes only after the usual places came up empty
   * (node-gyp-build's prebuilds beside the Node binary, when the package's own folder has no
   * build/ or prebuilds/).
   */
  whenMissing?: PathTemplate[];
  /**
   * For `methods`: `"package"` applies the effect only when the receiver is made from the
   * modelled package (`yargs(…).config()`, not `nconf.config()`), judged by how the variable it
   * starts from was imported.
   */
  receiver?: 'package';
}

export type Effect = EffectCondition & (
  /**
   * Reads the path (`subtree`: everything below the folder it names). `default` applies when the
   * placeholder is missing. `includes`: the folder holds the model's `templates`, which name
   * others relative to themselves (lib/models/includes.ts).
   */
  | { read: PathTemplate; subtree?: boolean; default?: PathTemplate; includes?: boolean }
  | { write: PathTemplate; subtree?: boolean; default?: PathTemplate }
  /** Needs a capability: child-process, worker, addons, wasi, net, inspector. */
  | { capability: BooleanCapability }
  /**
   * Reads the config files that exist in the run-time folder (or the folder `in` names) and match
   * these globs (exact files, not the folder); `upward`: in each folder above it too, up to the
   * disk root as find-up searches, or with `"package"` up to the first folder holding a
   * package.json (Babel's relative configs); `below`: in each folder under it too (a tool that
   * looks a config up from each file it handles); `existsSync`: the globs are plain names the
   * tool checks with existsSync, which throws without read access even where no file exists,
   * so each is granted in every folder searched; such a name may hold placeholders
   * (`{main|stem}-{arg0}`: commander's executable subcommands). A glob that searches may hold one
   * placeholder of an argument or of the entry (`{arg0}-*.js`); `bareName`: each file found is
   * also granted without its extension, the name the tool checks with existsSync before it tries
   * the extensions (commander's `tool-serve`, then `tool-serve.js`).
   */
  | { readConfig: string[]; in?: PathTemplate; upward?: boolean | 'package'; below?: boolean; existsSync?: boolean; bareName?: boolean }
  /** Runs the code at the path (a worker or child script): it is analysed and granted like any module. */
  | { loadsCode: PathTemplate; default?: PathTemplate }
  /**
   * Requires the module the template names from the package's own folder (a view engine named in
   * a setting); `from: "caller"`: from the file that made the call instead, as pino resolves a
   * transport's target from its caller's file, found on the stack.
   */
  | { requires: PathTemplate; default?: PathTemplate; from?: 'caller' }
  /**
   * Starts the program the template names, with the argument list `args` and the options
   * `options` (their `cwd`), as child_process.spawn does; with `shell`, a command line as exec
   * takes it. Judged like the analysed call: a Node program's script is followed, one that does
   * not fold is reported (child-program).
   */
  | { startsChild: PathTemplate; args?: PathTemplate; options?: PathTemplate; shell?: boolean });

/**
 * The templates below a `subtree` read name other templates relative to themselves (ejs's
 * `include('../partials/head')`, pug's `extends ../layout`): each folder a literal name climbs to
 * is granted whole too.
 */
export interface TemplateIncludes {
  /** Globs of the template files, matched in each folder (`*.ejs`). */
  files: string[];
  /** A regular expression (flags g and m) whose first group is a name a template includes. */
  name: string;
}

export interface PackageModel {
  package: string;
  /** Semver range of the package versions the model describes. */
  versions: string;
  description: string;
  /** The documentation the model was written from. */
  docs?: string;
  /** Effects of loading the package at all (top-level code). */
  load?: Effect[];
  /** The package's template files and how one names another, for `includes` reads. */
  templates?: TemplateIncludes;
  /**
   * Effects of calling an export: key = export path joined with '.', '' for the module itself.
   * A string instead of effects names another key whose effects this export shares
   * (`"transformAsync": "transformSync"`).
   */
  calls?: Record<string, Effect[] | string>;
  /**
   * Effects of calling a method of this name on any object, in the packages that load this one
   * (`res.sendFile(file)` in an express app, where `res` is a handler's parameter). Keyed and
   * shared like `calls`.
   */
  methods?: Record<string, Effect[] | string>;
  /**
   * Packages this model also stands in for: their accesses the analysis could not resolve are
   * dropped when every package that loads them is modelled by a model naming them (or is itself
   * stood in for). For private helpers whose work the model already describes (`send` behind
   * `serve-static`).
   */
  standsInFor?: string[];
  /**
   * The package's files (paths in its folder; a folder ends in `/`) whose unresolved accesses the
   * model stands in for; absent, every file. A model that names only some of its package's calls
   * (shelljs's names `exec`, not `cp` or `rm`) covers only the code those calls run: what the
   * other files cannot resolve is reported as usual, not dropped unseen.
   */
  coversFiles?: string[];
  /**
   * A command-line parser the package provides: the methods that declare an option and those
   * whose call returns the object of option values, in the code of a package that loads this
   * one (commander's `program.option('-o, --out <dir>', 'folder', 'out')` … `program.opts().out`).
   */
  cliOptions?: CliOptions;
  /**
   * Values the package hands to the code that uses it, found on objects the analysis cannot
   * tell (a route handler's `req`): key = the property chain read (`file.path`; an index such as
   * `files[0].path` is left out: `files.path`), value = where such a value lies, per call of one
   * of the package's exports in the same file (multer's `req.file.path` lies below the `dest`
   * given to `multer({ dest })`). A string names another key whose sources this one shares.
   */
  fields?: Record<string, FieldSource[] | string>;
  /** Where the model came from (file path), filled in when loaded. */
  source?: string;
}

export interface FieldSource {
  /** The export whose calls say where the value lies, keyed as in `calls` (`""`, `"diskStorage"`). */
  from: string;
  /**
   * The folder the value lies below, filled from that call's arguments (`{arg0.dest}`). A call
   * where the template has no value says nothing (memory storage); one where it is given but is
   * not a path (a function choosing the folder per request) makes the value unknown.
   */
  below: PathTemplate;
}

export interface CliOptions {
  /**
   * Methods that declare one option, keyed by name: `flags` is the argument holding the option's
   * name as it is typed (`"arg0"`: `-o, --out <dir>`, `--dry-run`, or a plain `out`), `default`
   * the template of its default, or a list of templates of which the first with a value counts
   * (`["{arg2}", "{arg3}"]`: commander takes a parser function before the default). A string
   * names another key whose declaration this method shares.
   */
  declare: Record<string, { flags: string; default?: PathTemplate | PathTemplate[] } | string>;
  /** Methods whose call returns the object of option values (`opts`, yargs's `parse`). */
  returnedBy: string[];
  /** Properties that hold the object of option values (yargs's `argv`). */
  properties?: string[];
  /**
   * The parser also takes options the code does not declare (yargs, unless strict): such a
   * property of the options object is unknown rather than missing.
   */
  undeclared?: boolean;
  /**
   * The package's export, called with the arguments (`minimist(process.argv.slice(2))`), returns
   * the options: on a known command line each typed `--name value` is a property, and the
   * positionals are `_`. Nothing is declared, so `declare` and `returnedBy` may be empty.
   */
  called?: boolean;
}

/**
 * The entry under `key` of a keyed table of the format (`calls`, `methods`, `fields`,
 * `cliOptions.declare`), where a string names another key whose entry this one shares.
 */
export function sharedEntry<T extends object>(table: Record<string, T | string> | undefined, key: string): T | undefined {
  const entry = table && Object.hasOwn(table, key) ? table[key] : undefined;
  const target = typeof entry === 'string' && Object.hasOwn(table!, entry) ? table![entry] : entry;
  return target !== undefined && typeof target === 'object' ? target : undefined;
}

const effectKinds = ['read', 'write', 'capability', 'readConfig', 'loadsCode', 'requires', 'startsChild'];

/** `{ "arg0": "views" }` or `{ "arg1": ["a", "b"] }`. */
function validIf(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.entries(value).every(([k, v]) => /^arg\d+$/.test(k) && (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))));
}

/** `{ "files": ["*.ejs"], "name": "include\\(['\"]([^'\"]+)" }`: the name must compile and capture. */
function validIncludes(value: unknown): boolean {
  const v = value as Record<string, unknown> | null;
  if (!v || typeof v !== 'object' || !Array.isArray(v.files) || !v.files.every((g) => typeof g === 'string') || typeof v.name !== 'string') return false;
  try {
    return new RegExp(`${v.name}|`).exec('')!.length > 1;
  } catch {
    return false;
  }
}

const capabilities: readonly string[] = booleanCapabilities.map((c) => c.capability);

/** Problems with a model's shape, as readable strings; empty when it is valid. */
export function modelProblems(value: unknown): string[] {
  const problems: string[] = [];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return ['a model is a JSON object'];
  const m = value as Record<string, unknown>;
  for (const key of ['package', 'versions', 'description']) if (typeof m[key] !== 'string') problems.push(`"${key}" must be a string`);
  const checkEffects = (where: string, effects: unknown) => {
    if (!Array.isArray(effects)) return problems.push(`${where} must be an array of effects`);
    effects.forEach((e, i) => {
      const effect = e as Record<string, unknown>;
      const kinds = effectKinds.filter((k) => k in (effect ?? {}));
      if (kinds.length !== 1) problems.push(`${where}[${i}] must have exactly one of ${effectKinds.join(', ')}`);
      else if (effect.when !== undefined && typeof effect.when !== 'string') problems.push(`${where}[${i}].when must be a path template string`);
      else if (effect.unless !== undefined && typeof effect.unless !== 'string') problems.push(`${where}[${i}].unless must be a path template string`);
      else if (effect.except !== undefined && !(Array.isArray(effect.except) && effect.except.every((x) => typeof x === 'string'))) problems.push(`${where}[${i}].except must be an array of strings`);
      else if (effect.onlyIfMissing !== undefined && typeof effect.onlyIfMissing !== 'boolean') problems.push(`${where}[${i}].onlyIfMissing must be true or false`);
      else if (effect.whenMissing !== undefined && !(Array.isArray(effect.whenMissing) && effect.whenMissing.every((t) => typeof t === 'string' && templateProblems(t).length === 0))) problems.push(`${where}[${i}].whenMissing must be an array of path templates`);
      else if (effect.if !== undefined && !validIf(effect.if)) problems.push(`${where}[${i}].if must map argN to a string or an array of strings`);
      else if (effect.receiver !== undefined && effect.receiver !== 'package') problems.push(`${where}[${i}].receiver must be "package"`);
      else if (kinds[0] === 'capability' && !capabilities.includes(String(effect.capability))) problems.push(`${where}[${i}].capability must be one of ${capabilities.join(', ')}`);
      else if (kinds[0] === 'readConfig' && !(Array.isArray(effect.readConfig) && effect.readConfig.every((g) => typeof g === 'string'))) problems.push(`${where}[${i}].readConfig must be an array of globs`);
      else if (effect.in !== undefined && (kinds[0] !== 'readConfig' || typeof effect.in !== 'string')) problems.push(`${where}[${i}].in must be a path template string, on a readConfig effect`);
      else if (['upward', 'below', 'existsSync'].some((k) => effect[k] !== undefined && (kinds[0] !== 'readConfig' || !(typeof effect[k] === 'boolean' || (k === 'upward' && effect[k] === 'package'))))) problems.push(`${where}[${i}].upward (true, false or "package"), .below and .existsSync (true or false) belong on a readConfig effect`);
      else if (effect.existsSync === true && (effect.below === true || (effect.readConfig as string[]).some((g) => fastGlob().isDynamicPattern(g.replace(/\{[^}]+\}/g, 'x'))))) problems.push(`${where}[${i}].existsSync takes plain file names (placeholders allowed), and no below`);
      else if (effect.existsSync === true && (effect.readConfig as string[]).some((g) => templateProblems(g).length > 0)) problems.push(...(effect.readConfig as string[]).flatMap((g) => templateProblems(g)).map((p) => `${where}[${i}].readConfig: ${p}`));
      else if (effect.includes !== undefined && !(effect.includes === true && kinds[0] === 'read' && effect.subtree === true && m.templates !== undefined)) problems.push(`${where}[${i}].includes must be true, on a subtree read of a model with "templates"`);
      else if (effect.bareName !== undefined && !(effect.bareName === true && kinds[0] === 'readConfig' && effect.existsSync !== true)) problems.push(`${where}[${i}].bareName must be true, on a readConfig effect that searches (not existsSync)`);
      else if (effect.from !== undefined && (kinds[0] !== 'requires' || effect.from !== 'caller')) problems.push(`${where}[${i}].from must be "caller", on a requires effect`);
      else if (['read', 'write', 'loadsCode', 'requires', 'startsChild'].includes(kinds[0]!) && typeof effect[kinds[0]!] !== 'string') problems.push(`${where}[${i}].${kinds[0]} must be a path template string`);
      else if (['args', 'options', 'shell'].some((k) => effect[k] !== undefined && (kinds[0] !== 'startsChild' || typeof effect[k] !== (k === 'shell' ? 'boolean' : 'string')))) problems.push(`${where}[${i}].args and .options (templates) and .shell (true or false) belong on a startsChild effect`);
      else {
        for (const key of [kinds[0]!, 'default', 'when', 'unless', 'in', 'args', 'options']) {
          if (typeof effect[key] === 'string') problems.push(...templateProblems(effect[key] as string).map((p) => `${where}[${i}].${key}: ${p}`));
        }
      }
    });
    return undefined;
  };
  if (m.load !== undefined) checkEffects('load', m.load);
  for (const field of ['calls', 'methods'] as const) {
    if (m[field] === undefined) continue;
    if (!m[field] || typeof m[field] !== 'object' || Array.isArray(m[field])) problems.push(`"${field}" must be an object`);
    else {
      const calls = m[field] as Record<string, unknown>;
      for (const [key, effects] of Object.entries(calls)) {
        if (typeof effects !== 'string') checkEffects(`${field}["${key}"]`, effects);
        else if (!Array.isArray(calls[effects])) problems.push(`${field}["${key}"] names "${effects}", which is not a key with effects`);
      }
    }
  }
  if (m.templates !== undefined && !validIncludes(m.templates)) problems.push('"templates" must be { "files": [globs], "name": a regular expression with a group }');
  if (m.cliOptions !== undefined) problems.push(...cliOptionsProblems(m.cliOptions));
  if (m.fields !== undefined) problems.push(...fieldsProblems(m.fields));
  if (m.coversFiles !== undefined && !(Array.isArray(m.coversFiles) && m.coversFiles.every((x) => typeof x === 'string' && x !== '' && !x.startsWith('/')))) {
    problems.push('"coversFiles" must be an array of paths in the package folder');
  }
  if (m.standsInFor !== undefined && !(Array.isArray(m.standsInFor) && m.standsInFor.every((x) => typeof x === 'string' && x !== m.package))) {
    problems.push('"standsInFor" must be an array of other package names');
  }
  return problems;
}

function cliOptionsProblems(value: unknown): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return ['"cliOptions" must be an object with "declare" and "returnedBy"'];
  const c = value as Record<string, unknown>;
  const problems: string[] = [];
  if (!Array.isArray(c.returnedBy) || !c.returnedBy.every((x) => typeof x === 'string')) problems.push('cliOptions.returnedBy must be an array of method names');
  if (c.properties !== undefined && !(Array.isArray(c.properties) && c.properties.every((x) => typeof x === 'string'))) problems.push('cliOptions.properties must be an array of property names');
  if (c.undeclared !== undefined && typeof c.undeclared !== 'boolean') problems.push('cliOptions.undeclared must be true or false');
  if (c.called !== undefined && typeof c.called !== 'boolean') problems.push('cliOptions.called must be true or false');
  if (!c.declare || typeof c.declare !== 'object' || Array.isArray(c.declare)) return [...problems, 'cliOptions.declare must be an object'];
  const declare = c.declare as Record<string, unknown>;
  for (const [key, spec] of Object.entries(declare)) {
    const where = `cliOptions.declare["${key}"]`;
    if (typeof spec === 'string') {
      if (!declare[spec] || typeof declare[spec] !== 'object') problems.push(`${where} names "${spec}", which is not a declaration`);
      continue;
    }
    const d = (spec ?? {}) as Record<string, unknown>;
    if (typeof d.flags !== 'string' || !/^arg\d+$/.test(d.flags)) problems.push(`${where}.flags must name an argument: "arg0"`);
    const defaults = d.default === undefined ? [] : Array.isArray(d.default) ? d.default : [d.default];
    for (const t of defaults) {
      if (typeof t !== 'string') problems.push(`${where}.default must be a path template or a list of them`);
      else problems.push(...templateProblems(t).map((p) => `${where}.default: ${p}`));
    }
  }
  return problems;
}

function fieldsProblems(value: unknown): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return ['"fields" must be an object'];
  const fields = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const [key, sources] of Object.entries(fields)) {
    const where = `fields["${key}"]`;
    if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(key)) problems.push(`${where}: the key must be a property chain such as "file.path"`);
    if (typeof sources === 'string') {
      if (!Array.isArray(fields[sources])) problems.push(`${where} names "${sources}", which is not a key with sources`);
      continue;
    }
    if (!Array.isArray(sources)) {
      problems.push(`${where} must be an array of { "from", "below" }`);
      continue;
    }
    sources.forEach((s, i) => {
      const src = (s ?? {}) as Record<string, unknown>;
      if (typeof src.from !== 'string') problems.push(`${where}[${i}].from must name an export ("" for the module itself)`);
      if (typeof src.below !== 'string') problems.push(`${where}[${i}].below must be a path template`);
      else problems.push(...templateProblems(src.below).map((p) => `${where}[${i}].below: ${p}`));
    });
  }
  return problems;
}
