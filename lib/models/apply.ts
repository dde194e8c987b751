// Turns a package model's effects into findings for one call (or one load) of the package:
// placeholders are filled from the call's argument values, and the resulting paths go through
// the same sink as analysed code, so an unknown argument is still reported, never allowed.

import * as path from 'node:path';
import { childProcessDetector } from '../detect/child-process.js';
import { CALL_RESULT, createSink, emptyFindings, type DetectOptions, type Findings } from '../detect/index.js';
import { diagnostic } from '../diagnostics/index.js';
import type { SinkCall } from '../detect/context.js';
import { alternatives, oneOf, str, unknown, type Value } from '../evaluate/index.js';
import { fastGlob, type Host } from '../host.js';
import type { PackageName, Site } from '../types.js';
import { sharedEntry, type Effect, type PackageModel, type PathTemplate, type TemplateIncludes } from './format.js';
import { configFiles } from './config-search.js';
import { templateIncludes } from './includes.js';
import { fillTemplate } from './template.js';

export interface ModelCall {
  /** Export path key ('' for the module itself). */
  key: string;
  args: Value[];
  site: Site;
  /** The package making the call. */
  package: PackageName;
  via: Site[];
  /** The modelled package's folder. */
  packageDir: string;
  /** The calling file (absolute), where a `requires` effect `from: "caller"` resolves. */
  callerFile?: string;
  /** A method call on any receiver (`methods`), not a call of an export. */
  method?: boolean;
  /** For a method call: whether its receiver is made from a package (see lib/parse/rooted.ts). */
  madeFrom?(pkg: string): boolean;
}

function apply(effects: Effect[], model: PackageModel, call: ModelCall, options: DetectOptions, host: Host): Findings {
  const out = emptyFindings();
  const sink = createSink(out, call.via, () => false, options);
  // A method is named with its receiver unknown: `.sendFile (express)`.
  const api = call.method ? `.${call.key} (${model.package})` : `${model.package}${call.key ? '.' + call.key : ''}`;
  const sinkCall = { api, args: [], isNew: false, site: call.site, package: call.package, file: call.packageDir, arg: (): Value => ({ k: 'nullish' }) };
  const caller = call.callerFile === undefined ? undefined : callerPackage(call.callerFile, host);
  for (const effect of effects) {
    const input = { args: call.args, site: call.site, packageDir: call.packageDir, ...(caller ? { callerPackage: caller } : {}), ...(effect.except ? { except: effect.except } : {}) };
    const fill = (template: PathTemplate) => fillTemplate(template, input, options);
    if (effect.when !== undefined && !knownPresent(fillTemplate(effect.when, { ...input, mode: 'presence' }, options))) continue;
    if (effect.unless !== undefined && !surelyAbsent(fillTemplate(effect.unless, { ...input, mode: 'presence' }, options))) continue;
    if (effect.if && !mayBeOneOf(effect.if, call.args)) continue;
    if (effect.receiver === 'package' && !call.madeFrom?.(model.package)) continue;
    if (effect.whenMissing && effect.whenMissing.some((t) => exists(fill(t), options, host))) continue;
    if ('capability' in effect) sink.capability(sinkCall, effect.capability);
    else if ('startsChild' in effect) {
      // The package's own spawn is judged as if the app had made it with the same arguments.
      // A lone `{argN}` is the argument as folded (a list, an options object), not a path.
      const raw = (t: string) => /^\{arg\d+\}$/.test(t) ? (call.args[Number(t.slice(4, -1))] ?? { k: 'nullish' }) : fill(t);
      const values = [effect.startsChild, effect.args, effect.options].map((t): Value => (t === undefined ? { k: 'nullish' } : raw(t)));
      const spawn = childProcessDetector.apis[effect.shell ? 'child_process.exec' : 'child_process.spawn']!;
      const child: SinkCall = { ...sinkCall, runCwd: options.env.facts.runCwd, arg: (i) => values[effect.shell && i === 1 ? 2 : i] ?? { k: 'nullish' } };
      spawn(child, sink);
    } else if ('readConfig' in effect) {
      const starts = configFolders(effect.in === undefined ? undefined : fill(effect.in), effect.below === true, sink, sinkCall, options, host);
      const unknownName = (cause: Value) => sink.fsPath(sinkCall, cause, 'read');
      const search = configFiles({ ...effect, readConfig: effect.existsSync ? checkedNames(effect.readConfig, fill, unknownName) : globNames(effect.readConfig, fill, unknownName) }, starts, host);
      // A tree too large (or made exponential by links) to walk: a config below the folders not
      // looked at is read and loaded where the analysis cannot see it.
      for (const start of search.cut) sink.fsPath(sinkCall, unknown('search-limit', call.site, `${start}/`), 'read');
      for (const file of search.files) {
        // A name the code makes may be a folder (`executableFile: '..'`): granted as a path the
        // code names, so a folder that holds the project, home or the disk root is reported, not opened.
        if (effect.existsSync && host.kind(file) === 'dir') {
          sink.fsPath(sinkCall, { k: 'str', v: file }, 'read');
          continue;
        }
        sink.need({ capability: 'fs.read', path: file }, sinkCall);
        if (effect.bareName) for (const name of bareNames(file, effect.readConfig)) sink.need({ capability: 'fs.read', path: name }, sinkCall);
        const outside = outsideProject(file, options);
        // Once per file and call, though several of the model's effects search the same folders.
        if (outside && !out.diagnostics.some((d) => d.code === 'CONFIG_OUTSIDE_PROJECT' && d.args.file === file)) {
          out.diagnostics.push(diagnostic('CONFIG_OUTSIDE_PROJECT', outside === 'above-project' ? 'info' : 'warning', { file, package: model.package, folder: outside }, call.site));
        }
        // A config written in JavaScript or TypeScript is loaded as code: its own imports need grants too.
        if (isCode(file, host) && (!effect.existsSync || host.kind(file) === 'file')) sink.module({ specifier: file, kind: 'import' }, sinkCall);
      }
    } else {
      const template = 'read' in effect ? effect.read : 'write' in effect ? effect.write : 'requires' in effect ? effect.requires : effect.loadsCode;
      let value = fill(template);
      if (value.k === 'nullish' && effect.default) value = fill(effect.default);
      if (effect.onlyIfMissing) value = missingOnly(value, call.site, options, host);
      if (value.k === 'nullish') continue;
      if ('loadsCode' in effect) {
        sink.moduleValue(sinkCall, fileUrlStrings(value, call.site), 'worker');
        continue;
      }
      if ('requires' in effect) {
        // Resolved as the package's own require() resolves it: from its folder, up node_modules;
        // or from the calling file, when the package looks its caller up on the stack.
        const from = effect.from === 'caller' && call.callerFile ? call.callerFile : path.join(call.packageDir, 'package.json');
        sink.moduleValue(sinkCall, value, 'require', from);
        continue;
      }
      // A subtree is the folder as a known start: the sink grants it whole, unless the folder is
      // one no grant may widen to (the project root, home, the disk root), which it reports.
      if ('read' in effect && effect.includes && model.templates) {
        const scan = includedFolders(value, model.templates, options, host);
        for (const folder of scan.folders) sink.fsPath(sinkCall, includedFolder(folder, call.site, options), 'read');
        // Templates left unseen may name folders beside these: what they include is read unseen.
        for (const folder of scan.cut) sink.fsPath(sinkCall, unknown('search-limit', call.site, `${folder}/`), 'read');
      }
      if (effect.subtree) value = asFolder(value, call.site);
      sink.fsPath(sinkCall, value, 'read' in effect ? 'read' : 'write');
    }
  }
  const source = model.source ?? model.package;
  out.needs = out.needs.map((n) => ({ ...n, model: source }));
  // Code the model says the call runs (a child's script, a config): its load names the model too.
  out.modules = out.modules.map((m) => ({ ...m, model: source }));
  return out;
}

/**
 * The package root of the calling file, as bindings finds it at run time from its stack: the
 * nearest folder above the file that holds a package.json.
 */
function callerPackage(file: string, host: Host): string | undefined {
  for (let dir = path.dirname(file), prev = ''; dir !== prev; prev = dir, dir = path.dirname(dir)) {
    if (host.kind(path.join(dir, 'package.json')) === 'file') return dir;
  }
  return undefined;
}

/**
 * A code-loading package imports the module it is named (`import(filename)`), so a `file:` URL
 * string (`new URL('./task.mjs', import.meta.url).href`, as tinypool's README writes it) names
 * the same file as its path: taken for a path, it was resolved from the working folder to a
 * file that never exists, and the task's code was never read.
 */
function fileUrlStrings(value: Value, site: Site): Value {
  const all = alternatives(value);
  if (!all.some((a) => a.k === 'str' && a.v.startsWith('file:'))) return value;
  return oneOf(all.map((a) => (a.k === 'str' && a.v.startsWith('file:') ? { k: 'url' as const, href: a.v } : a)), site);
}

/**
 * Whether a config file found lies in a folder that holds the project (a workspace root: normal
 * in a monorepo, said as info), the home folder or above it, or the disk root (said as a
 * warning: the app depends on a file every project of the user shares). A file's grant opens
 * only that file; what is said is that it lies outside the project.
 */
function outsideProject(file: string, options: DetectOptions): 'above-project' | 'home' | 'disk-root' | undefined {
  const broad = options.tooBroad(path.dirname(file), '', true);
  return broad === 'project-root' ? 'above-project' : broad === 'home' || broad === 'disk-root' ? broad : undefined;
}

/**
 * The names an existsSync search checks, placeholders filled (`{main|stem}-{arg0}`): a name the
 * call leaves missing checks nothing, and one that does not fold is reported (`unknown`), since
 * the tool checks, and may load, a file the analysis cannot name.
 */
function checkedNames(names: string[], fill: (t: PathTemplate) => Value, unknown_: (cause: Value) => void): string[] {
  return names.flatMap((name) => {
    if (!name.includes('{')) return [name];
    const value = fill(name);
    if (value.k === 'nullish') return [];
    const known = alternatives(value).filter((a): a is Value & { k: 'str' } => a.k === 'str');
    for (const a of alternatives(value)) if (a.k !== 'str') unknown_(a.k === 'prefix' ? a.cause : a);
    return known.map((a) => a.v);
  });
}

/**
 * The names a tool checks with existsSync before it finds `file` (a `bareName` effect): the name
 * without its extension, then that name with each extension the effect's globs end in, in turn
 * (commander's `tool-serve`, `tool-serve.js`, `tool-serve.ts`, … for `tool-serve.ts`).
 */
/**
 * Whether a file found by a search is code the tool loads or runs: a source extension, or none
 * and a first line `#!… node` (an installed bin, `bin/tool-serve`, which commander spawns and
 * whose Node inherits the policy on 22+; `miss-commander-subcommand-extensionless`).
 */
function isCode(file: string, host: Host): boolean {
  if (/\.[cm]?[jt]s$/.test(file)) return true;
  if (path.extname(file) !== '' || host.kind(file) !== 'file') return false;
  const text = host.readFile(file, { maxBytes: MAX_SCRIPT_BYTES });
  // Too large to read for its first line: taken for code, not a binary, so it is loaded and
  // reported (FILE_TOO_LARGE past --max-file-size) rather than run unseen by a Node child.
  if (text instanceof Error) return (text as NodeJS.ErrnoException).code === 'EFBIG';
  return /^#![^\n]*\bnode\b/.test(text.subarray(0, 200).toString('latin1'));
}

/** Past this size an extensionless file is not read for its first line: it is taken for code (isCode). */
const MAX_SCRIPT_BYTES = 4 * 1024 * 1024;

function bareNames(file: string, globs: string[]): string[] {
  const ext = path.extname(file);
  if (ext === '') return [];
  const stem = file.slice(0, -ext.length);
  // Only a glob's plain extension (`.js`): `tool-+([!.])`'s `.])` is no name commander checks.
  const exts = new Set(globs.map((g) => path.extname(g)).filter((e) => /^\.\w+$/.test(e)));
  return [stem, ...[...exts].map((e) => stem + e).filter((n) => n !== file)];
}

/** A placeholder of an argument or of the entry in a glob (`{arg0}-*`); other braces are the glob's own (`*.{js,json}`). */
const globPlaceholder = /\{(?:arg\d+(?:\.[\w$]+)*|main(?:\|\w+)?)\}/;

/**
 * The globs of a readConfig effect that searches (not existsSync), with a placeholder of an
 * argument or the entry filled in, its text escaped (`{arg0}-*`: the files a name the code gives
 * starts, commander's `program.name('tool')`). One placeholder a glob; a name that does not fold
 * is reported through `unknown_` (its files are read unseen), an absent one drops the glob.
 */
function globNames(globs: string[], fill: (t: PathTemplate) => Value, unknown_: (cause: Value) => void): string[] {
  return globs.flatMap((glob) => {
    const m = globPlaceholder.exec(glob);
    if (!m) return [glob];
    const value = fill(m[0]);
    if (value.k === 'nullish') return [];
    for (const a of alternatives(value)) if (a.k !== 'str') unknown_(a.k === 'prefix' ? a.cause : a);
    const known = alternatives(value).filter((a): a is Value & { k: 'str' } => a.k === 'str' && a.v !== '' && !a.v.includes('/'));
    return known.map((a) => glob.slice(0, m.index) + fastGlob().escapePath(a.v) + glob.slice(m.index + m[0].length));
  });
}

/**
 * True when every argument `condition` names may be one of its strings: some alternative of the
 * folded argument is that string, or is the module of that name as the code imported it
 * (`fastify.register(fastifyStatic, …)` with `fastifyStatic` from '@fastify/static'). An
 * argument the analysis cannot fold matches nothing (`app.set(name, v)` with an unknown name is
 * not known to set the views folder).
 */
function mayBeOneOf(condition: Record<string, string | string[]>, args: Value[]): boolean {
  return Object.entries(condition).every(([arg, wanted]) => {
    const list = typeof wanted === 'string' ? [wanted] : wanted;
    const value = args[Number(arg.slice(3))];
    return value !== undefined && alternatives(value).some((a) => (a.k === 'str' && list.includes(a.v)) || (a.k === 'module' && isWholeModule(a.path) && list.includes(a.specifier)));
  });
}

/** The module itself or its default export, not one of its named exports. */
const isWholeModule = (p: string[]) => p.length === 0 || (p.length === 1 && p[0] === 'default');

/**
 * An option is known to be given when some alternative of its value is known and not `false`.
 * An unknown one (`pino(pino.destination(…))` passes a stream, not options) does not switch an
 * effect on: its paths would only be unknown too.
 */
function knownPresent(value: Value): boolean {
  return alternatives(value).some((a) => a.k !== 'nullish' && a.k !== 'unknown' && !(a.k === 'bool' && !a.v));
}

/** An argument or option surely not given: every alternative of its value is nullish. */
function surelyAbsent(value: Value): boolean {
  return alternatives(value).every((a) => a.k === 'nullish');
}

/** True when every alternative of a path value is a known path that exists now. */
function exists(value: Value, options: DetectOptions, host: Host): boolean {
  const all = alternatives(value);
  return all.length > 0 && all.every((a) => a.k === 'str' && host.kind(path.resolve(options.env.facts.runCwd, a.v)) !== undefined);
}

/** The alternatives of a path value that name nothing on disk now; unknown ones are kept, to be reported. */
function missingOnly(value: Value, site: Site, options: DetectOptions, host: Host): Value {
  const kept = alternatives(value).filter((a) => a.k !== 'str' || host.kind(path.resolve(options.env.facts.runCwd, a.v)) === undefined);
  return kept.length === 0 ? { k: 'nullish' } : oneOf(kept, site);
}

/**
 * The folders the templates below each known folder of `value` climb to (lib/models/includes.ts),
 * and the known folders whose scan stopped at its bound.
 */
function includedFolders(value: Value, includes: TemplateIncludes, options: DetectOptions, host: Host): { folders: string[]; cut: string[] } {
  const starts = alternatives(value).flatMap((a) => (a.k === 'str' ? [path.resolve(options.env.facts.runCwd, a.v)] : []));
  const scans = starts.map((start) => ({ start, ...templateIncludes(start, includes, host) }));
  return { folders: [...new Set(scans.flatMap((s) => s.folders))], cut: scans.filter((s) => s.cut).map((s) => s.start) };
}

/**
 * A folder a template names is granted whole, as the template's own folder is, when it lies in
 * the project; one outside it (`include('../../../../etc/x')`, a template of someone else's or a
 * `..` too many) is reported instead: a data file, not the code, names it, and Node would open
 * everything in it (`/etc`, `~/.ssh`) without a word.
 */
function includedFolder(folder: string, site: Site, options: DetectOptions): Value {
  const root = options.env.facts.root;
  if (folder === root || folder.startsWith(root.endsWith('/') ? root : `${root}/`)) return asFolder(str(folder), site);
  return unknown('template-outside-project', site, folder.endsWith('/') ? folder : `${folder}/`);
}

function asFolder(value: Value, site: Site): Value {
  return oneOf(
    alternatives(value).map((a): Value => {
      if (a.k !== 'str') return a;
      const folder = path.isAbsolute(a.v) ? path.normalize(a.v) : a.v || '.';
      return { k: 'prefix', v: folder.replace(/\/*$/, '/'), cause: unknown('model-folder', site) };
    }),
    site,
  );
}

/**
 * The folders a `readConfig` effect searches: the working folder, or each folder its `in`
 * template folds to (a relative one taken from the working folder; a file stands for its folder,
 * and a glob's base, `src/` of `src/**\/*.js`, for itself). A folder that does not fold is
 * reported at the call as an unknown read, since the config found there is read and loaded
 * where the model cannot see it: granting nothing without a word would be a silent miss.
 */
function configFolders(value: Value | undefined, below: boolean, sink: ReturnType<typeof createSink>, sinkCall: Parameters<ReturnType<typeof createSink>['fsPath']>[0], options: DetectOptions, host: Host): string[] {
  const cwd = options.env.facts.runCwd;
  if (value === undefined) return [cwd];
  if (value.k === 'nullish') return [];
  const all = alternatives(value);
  // A folder known in part (`<app>/` + a name from the command line) starts a search somewhere
  // below its known start: only a search of every folder below (`below`) covers it; otherwise it
  // is judged like any path known in part (granted as a folder of its own, or reported).
  if (!all.every((a) => a.k === 'str' || (below && a.k === 'prefix' && a.v.endsWith('/')))) {
    sink.fsPath(sinkCall, value, 'read');
    return [];
  }
  return all.map((a) => {
    const named = path.resolve(cwd, (a as { v: string }).v);
    return a.k === 'str' && host.kind(named) === 'file' ? path.dirname(named) : named;
  });
}

/** The effects under `key` of `calls` or `methods`, following a shared key. */
export function modelCallFindings(model: PackageModel, call: ModelCall, options: DetectOptions, host: Host): Findings | undefined {
  const effects = sharedEntry(model.calls, call.key);
  return effects ? apply(effects, model, call, options, host) : boundChildFindings(model, call, options, host);
}

/** `$.()`: a call of what a call of `$` returned, as an export path names it. */
const BOUND_CALL = `.${CALL_RESULT}`;

/**
 * A call of what a modelled function that starts a child returned, where the model names no such
 * call: the function bound to options somewhere the call cannot see them (`export const sh = $({
 * cwd })` in another module, then `` sh`node child.js` ``: the key `$.()`). Judged as the function
 * itself with options that may set anything, so the Node child is followed and the working
 * folder they may set is reported (`child-cwd`) rather than the child passing unseen (silent-14,
 * `miss-execa-bound-tag-handed-on`).
 */
function boundChildFindings(model: PackageModel, call: ModelCall, options: DetectOptions, host: Host): Findings | undefined {
  // A tag's words are a program and a list (lib/detect/index.ts taggedCall); a call with options alone binds again.
  if (!call.key.endsWith(BOUND_CALL) || call.args[1]?.k !== 'arr') return undefined;
  let key = call.key;
  while (key.endsWith(BOUND_CALL)) key = key.slice(0, -BOUND_CALL.length);
  const effects = sharedEntry(model.calls, key)?.filter((e): e is Effect & { startsChild: PathTemplate; options?: PathTemplate } => 'startsChild' in e);
  if (!effects?.length) return undefined;
  const args = [...call.args];
  for (const e of effects) {
    const at = /^\{arg(\d+)\}$/.exec(e.options ?? '');
    // Options the analysis cannot see spread into the call's: any of them (a cwd) may be set.
    if (at) args[Number(at[1])] = { k: 'obj', props: new Map(), spreads: [unknown('call-result', call.site)] };
  }
  return apply(effects, model, { ...call, args }, options, host);
}

/** Findings for a method call `x.<key>(…)` in a package that loads the modelled one. */
export function modelMethodFindings(model: PackageModel, call: ModelCall, options: DetectOptions, host: Host): Findings | undefined {
  const effects = sharedEntry(model.methods, call.key);
  return effects ? apply(effects, model, { ...call, method: true }, options, host) : undefined;
}

export function modelLoadFindings(model: PackageModel, call: Omit<ModelCall, 'key' | 'args'>, options: DetectOptions, host: Host): Findings | undefined {
  return model.load ? apply(model.load, model, { ...call, key: '', args: [] }, options, host) : undefined;
}
