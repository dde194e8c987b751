// The sink detectors record through. Paths are judged here: a known path becomes a need, a
// known prefix a folder or string-prefix need (unless it would open the disk root, the home
// folder, the project root or a dot-name space: prefix.ts), anything else an unresolved access
// with its reason and site.

import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import { alternatives, runCwdOf, type EvalEnv, type Unknown, type Value } from '../evaluate/index.js';
import type { Capability, Need, Site, Unresolved, UnresolvedMode } from '../types.js';
import { ownString } from '../site.js';
import type { ConditionalFindings, DetectOptions, DetectSink, Findings, FnKey, LoaderReport, SinkCall } from './context.js';
import { judgePrefix, type BroadPrefix } from './prefix.js';

/**
 * The path a file: URL names, or undefined for another scheme or one Node refuses (a host other
 * than localhost, an encoded slash): Node throws there before touching the disk, so there is
 * nothing to grant (a URL with a host crashed the analysis; found by test/fuzz.test.ts).
 */
function filePath(href: string): string | undefined {
  if (!href.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(href);
  } catch {
    return undefined;
  }
}

/**
 * The verbs a detector records through: needs, fs paths (with the prefix and unknown rules),
 * module requests and unresolved accesses. Package models use the same sink, so a modelled
 * path is judged exactly like an analysed one.
 */
export function createSink(
  out: Findings,
  via: Site[],
  waitsForCaller: (value: Value) => boolean,
  options: DetectOptions,
  fromCaller: (alt: Value) => boolean = () => false,
  onlyWhen?: (cause: Unknown) => FnKey[] | undefined,
  diagnosticOnlyWhen?: (d: Diagnostic) => { file: string; when: FnKey[] } | undefined,
  callOnlyWhen?: () => { file: string; when: FnKey[] } | undefined,
): DetectSink {
  const { env } = options;
  /**
   * Where an unresolved access goes: into the findings, or, for a parameter of a function that
   * runs only when one of the module's exported functions does (`onlyWhen`, ./liveness.ts), into
   * findings kept until calls are matched.
   */
  const into = (cause: Unknown, file: string): Reported => {
    const when = onlyWhen?.(cause);
    if (!when) return out;
    const kept: ConditionalFindings = { file, when, unresolved: [], diagnostics: [] };
    (out.conditional ??= []).push(kept);
    return kept;
  };
  const viaField = via.length > 0 ? { via } : {};
  /**
   * The alternatives of `value` to judge now. A value that waits for callers in other modules
   * may also hold what a caller in this file passes (`loadTsconfig(configPath)` beside the
   * exported function's own callers): no other module may ever call it, so those are judged now
   * and the rest waits (a replay binds only the parameters, so it never sees them again).
   */
  const judgedNow = (value: Value): Value[] => {
    const alts = alternatives(value);
    return waitsForCaller(value) ? alts.filter((a) => fromCaller(a) && !waitsForCaller(a)) : alts;
  };
  const sink: DetectSink = {
    // Object.assign, not a spread: on Node 20 (V8 11.3) a spread of an object that was itself
    // made by a spread gives every copy a hidden class of its own (some 250 bytes per need,
    // measured with %HaveSameMap; 22 and later share them).
    need: (need, call) => {
      const made = Object.assign({}, need, { site: call.site, api: call.api, package: call.package }, viaField);
      // A path the evaluator built is a rope of the pieces it was joined from (some 300 bytes for a
      // 60-character path, some of them slices of a file's source text); the need keeps a flat copy.
      if (made.path !== undefined) made.path = ownString(made.path);
      out.needs.push(made);
    },
    capability: (call, capability) => {
      const need: Need = { capability, site: call.site, api: call.api, package: call.package, ...viaField };
      // In a dependency's function only an exported function can run (./index.ts, callOnlyWhen):
      // granted once matching tells that a call reached it (lib/graph/unmatched.ts).
      const held = heldCapabilities.has(capability) ? callOnlyWhen?.() : undefined;
      if (held) (out.conditional ??= []).push({ ...held, unresolved: [], diagnostics: [], needs: [need] });
      else out.needs.push(need);
    },
    fsPath: (call, value, scope, fsOptions) => {
      const capability = scope === 'read' ? 'fs.read' : 'fs.write';
      const onlyIfMissing = fsOptions?.onlyIfMissing ? { onlyIfMissing: true } : {};
      for (const alt of judgedNow(value)) {
        if (alt.k === 'str' || alt.k === 'url') {
          const p = alt.k === 'url' ? filePath(alt.href) : alt.v;
          if (p === undefined) continue;
          const at = path.isAbsolute(p) ? path.normalize(p) : path.resolve(runCwdOf(env, call.site), p);
          // Only the links on the way are read (realpathSync), never the path: no grant of it to judge here.
          if (fsOptions?.linksOnTheWay) {
            sink.need({ capability, path: at, linksOnTheWay: true }, call);
            continue;
          }
          const broad = wholeFolderTooBroad(at, options.tooBroad);
          if (broad) unresolvedFs(options, out, call, scope, { k: 'unknown', reason: 'broad-folder', site: call.site }, via, at === '/' ? at : `${at}/`, broad);
          else sink.need({ capability, path: at, ...onlyIfMissing }, call);
        } else if (alt.k === 'prefix') {
          const judged = judgePrefix(alt.v, runCwdOf(env, call.site), options.tooBroad);
          if (judged.kind === 'too-broad') unresolvedFs(options, into(alt.cause, call.file), call, scope, alt.cause, via, judged.prefix, judged.broad);
          // "<dir>/" + unknown: anything below the folder; "<dir>/name-" + unknown (mkdtemp, ids
          // in file names): Node's string-prefix grant `<dir>/name-*`, narrower than the folder.
          else if (judged.kind === 'folder') sink.need({ capability, path: judged.path, subtree: true }, call);
          else sink.need({ capability, path: judged.path, wildcard: true }, call);
        } else if (alt.k === 'unknown') {
          if (!unsetGuard(env, call, alt)) unresolvedFs(options, into(alt, call.file), call, scope, alt, via);
        } else if (alt.k !== 'num' && alt.k !== 'nullish' && alt.k !== 'bool') {
          // A module's export, an object, a function…: not a path we can read.
          unresolvedFs(options, out, call, scope, { k: 'unknown', reason: alt.k === 'module' ? 'imported' : 'not-a-string', site: call.site }, via);
        }
        // Numbers are file descriptors, which are not gated.
      }
    },
    module: (request, call) =>
      out.modules.push({ specifier: request.specifier, kind: request.kind, from: request.from ?? call.file, site: call.site, package: call.package, api: call.api, ...(call.caught ? { caught: call.caught } : {}) }),
    moduleValue: (call, value, kind, from) => {
      for (const alt of judgedNow(value)) {
        let specifier: string | undefined;
        if (alt.k === 'str') specifier = alt.v;
        else if (alt.k === 'url') specifier = filePath(alt.href);
        if (specifier !== undefined) {
          // Worker and fork paths are relative to the cwd, not to the calling file.
          if ((kind === 'worker' || kind === 'fork') && !path.isAbsolute(specifier)) specifier = path.resolve(runCwdOf(env, call.site), specifier);
          sink.module(from ? { specifier, kind, from } : { specifier, kind }, call);
          continue;
        }
        const cause: Unknown = alt.k === 'unknown' ? alt : alt.k === 'prefix' ? alt.cause : { k: 'unknown', reason: alt.k === 'module' ? 'imported' : 'not-a-string', site: call.site };
        if (unsetGuard(env, call, cause)) continue;
        unresolvedModule(options, into(cause, call.file), call, cause, via, alt.k === 'prefix' ? alt.v : undefined);
      }
    },
    unresolved: (u) => out.unresolved.push(u),
    fallbackFor: (scope) => options.unresolved[scope],
    diagnostic: (d) => {
      // A call that fails under any policy, in a dependency's function only an uncalled export
      // can run: said once matching tells that a call reached it (./index.ts, callOnlyWhen).
      const held = diagnosticOnlyWhen?.(d);
      if (held) (out.conditional ??= []).push({ ...held, unresolved: [], diagnostics: [d] });
      else out.diagnostics.push(d);
    },
    waits: waitsForCaller,
    loadsUnknown: (call, cause, report) => loadsUnknown(options, into(cause, call.file), call, cause, via, report),
  };
  return sink;
}

/**
 * The capabilities whose needs wait for a call to reach the function they are in: a grant opening
 * every program or every host, needless when only a function the app never calls starts a
 * process or opens a socket (unicorn-magic's exported `execFile`, beside the `toPath` find-up
 * uses). Paths are not held: a known path is cheap to grant, and its reads may come first.
 */
const heldCapabilities: ReadonlySet<Capability> = new Set(['child-process', 'net']);

/** Where unresolved accesses and their diagnostics are put. */
type Reported = Pick<Findings, 'unresolved' | 'diagnostics'>;

/**
 * Whether a known path is the disk root or the home folder (or a folder above it), as written or
 * through a link (`<app>/home -> ~`: Node checks the path as given, so a grant of the link opens
 * what it points to): Node grants a folder with everything below it, so granting it as it is
 * would open the whole disk or every file of the user. Such paths are folders by what they are.
 * The project root, also granted whole when the code names it, is judged by the policy's secret
 * and code checks instead.
 */
function wholeFolderTooBroad(at: string, tooBroad: DetectOptions['tooBroad']): BroadPrefix | undefined {
  const broad = tooBroad(at, '', true);
  return broad === 'disk-root' || broad === 'home' || broad === 'project-root' ? broad : undefined;
}

function unresolvedFs(options: DetectOptions, out: Reported, call: SinkCall, scope: 'read' | 'write', cause: Unknown, via: Site[], prefix?: string, broad?: BroadPrefix): void {
  const fallback = options.unresolved[scope];
  out.unresolved.push({
    capability: scope === 'read' ? 'fs.read' : 'fs.write',
    site: call.site,
    api: call.api,
    package: call.package,
    reason: cause.reason,
    ...(sameSite(cause.site, call.site) ? {} : { origin: cause.site }),
    ...(cause.name ? { name: cause.name } : {}),
    ...(prefix ? { prefix } : {}),
    ...(broad ? { broad } : {}),
    ...(via.length > 0 ? { via } : {}),
    fallback,
  });
  const args = { api: call.api, scope, reason: cause.reason, ...(cause.name ? { name: cause.name } : {}), ...(prefix ? { prefix } : {}), ...(broad ? { broad } : {}), fallback };
  out.diagnostics.push(diagnostic('FS_PATH_UNKNOWN', fallback === 'error' ? 'error' : 'warning', args, call.site));
}

/** An unresolved module access at `call`, with where the unknown came from or its known start. */
function moduleAccess(call: SinkCall, cause: Unknown, via: Site[], fallback: UnresolvedMode, at: { origin?: Site; prefix?: string }): Unresolved {
  return {
    capability: 'module',
    site: call.site,
    api: call.api,
    package: call.package,
    reason: cause.reason,
    ...(at.origin ? { origin: at.origin } : {}),
    ...(cause.name ? { name: cause.name } : {}),
    ...(at.prefix ? { prefix: at.prefix } : {}),
    ...(via.length > 0 ? { via } : {}),
    fallback,
  };
}

function unresolvedModule(options: DetectOptions, out: Reported, call: SinkCall, cause: Unknown, via: Site[], prefix?: string): void {
  const fallback = options.unresolved.read;
  out.unresolved.push(moduleAccess(call, cause, via, fallback, prefix ? { prefix } : {}));
  const args = { api: call.api, reason: cause.reason, ...(cause.name ? { name: cause.name } : {}), fallback };
  out.diagnostics.push(diagnostic('IMPORT_DYNAMIC', fallback === 'error' ? 'error' : 'warning', args, call.site));
}

/**
 * A call that may load or run any code (generated code, a require handed on): an unresolved
 * module access, so the read fallback applies and `--unresolved error` fails, and its own code.
 */
function loadsUnknown(options: DetectOptions, out: Reported, call: SinkCall, cause: Unknown, via: Site[], report: LoaderReport): void {
  const fallback = options.unresolved.read;
  const base = { api: call.api, reason: cause.reason, ...(cause.name ? { name: cause.name } : {}), fallback };
  if (report.code === 'CODE_GENERATED' && report.from === 'program') {
    // Code the program builds from its own strings: reported where it runs, nothing falls back.
    out.diagnostics.push(diagnostic('CODE_GENERATED', 'info', { ...base, from: 'program' }, call.site));
    return;
  }
  out.unresolved.push(moduleAccess(call, cause, via, fallback, sameSite(cause.site, call.site) ? {} : { origin: cause.site }));
  const severity = fallback === 'error' ? 'error' : 'warning';
  out.diagnostics.push(report.code === 'CODE_GENERATED' ? diagnostic('CODE_GENERATED', severity, { ...base, from: 'input' }, call.site) : diagnostic('MODULE_LOADER_ESCAPED', severity, { ...base, how: report.how }, call.site));
}

/**
 * True when `cause` is an unbound `process.env.X` and the call runs only when X is set
 * (`if (process.env.X) require(process.env.X)`): with no `--env X=…` the analysis assumes X is
 * unset, so the call does not run and needs nothing. The report lists the assumption.
 */
function unsetGuard(env: EvalEnv, call: SinkCall, cause: Unknown): boolean {
  if (cause.reason !== 'env-unbound' || !cause.name || !call.envGuards?.()?.has(cause.name)) return false;
  env.hooks.assume({ kind: 'env', name: cause.name, value: '', unset: true, site: call.site });
  return true;
}


function sameSite(a: Site, b: Site): boolean {
  return a.file === b.file && a.line === b.line && a.column === b.column;
}
