// Sorts the accesses an audited run recorded against the static report of the same app:
// granted by the policy, reported by the analysis at a site on the access's stack (a known
// unknown), silent (neither: a miss the analysis must learn), or outside the analysed code.
// Pure: no file access; whether a granted path is a folder is asked through `isDir`.

import * as path from 'node:path';
import { booleanCapabilities, capabilityTable } from '../capabilities.js';
import { packageOf } from '../graph/index.js';
import { grantCovers } from '../policy-compare.js';
import { relativeFile } from '../site.js';
import type { Capability, PackageName, Site } from '../types.js';
import type { Report } from '../report.js';
import type { RecordedAccess, StackFrame } from './records.js';

/** What an audit channel's permission is, in the project's capability names. */
export type AuditCapability = Capability | 'openssl-store' | 'ffi' | 'other';

/**
 * - `granted`: the report's policy covers it (the run used another policy, or a flag the
 *   target lacks);
 * - `reported`: an unresolved access or a diagnostic of the report sits on one of its frames;
 * - `silent`: neither — the analysis missed it without saying so;
 * - `outside`: no frame of the project's code asked for it (Node's own lookups, tools outside
 *   the project such as a global npm); the static analysis does not cover those;
 * - `absent`: a stat/access/exists probe of a path that does not exist: under the policy the
 *   probe fails as it would without the grant, so code that catches the error goes on the same
 *   way (code that tells ENOENT apart fails the enforced run instead, which is checked there).
 */
export type AccessClass = 'granted' | 'reported' | 'silent' | 'outside' | 'absent';

export interface ClassifiedAccess {
  capability: AuditCapability;
  /** The flag that would grant it: `--allow-fs-read=/srv/app/data/x.json`, `--allow-child-process`. */
  flag: string;
  /** For fs: the absolute path. */
  path?: string;
  /** The Node API that asked, from the stack: `fs.readFileSync`, `child_process.spawn`. */
  api?: string;
  /** The first frame in the app or a package, project-relative. */
  site?: Site;
  package?: PackageName;
  class: AccessClass;
  /** For `reported`: the code (`FS_PATH_UNKNOWN`, or `UNRESOLVED` for an unresolved access) and the site it matched. */
  reportedBy?: { code: string; site: Site };
  /** For `outside`: why no site counts. */
  note?: string;
  access: RecordedAccess;
}

/** Node's permission scope (the audit record's `permission`) -> the capability. */
export const capabilityOf: Record<string, AuditCapability> = {
  ...Object.fromEntries(capabilityTable.map((c) => [c.nodeScope, c.capability])),
  OpenSSLStore: 'openssl-store',
  FFI: 'ffi',
};

const flagOf: Record<AuditCapability, string> = {
  ...(Object.fromEntries(capabilityTable.map((c) => [c.capability, c.flag])) as Record<Capability, string>),
  'openssl-store': '--allow-openssl-store',
  ffi: '--allow-ffi',
  other: '--permission',
};

/**
 * Checks Node makes for itself and passes over when denied, found by the API that asked.
 * `new Worker` asks for Inspector (the worker's debugger hook) on 24 and 26 even with
 * --allow-worker; a worker runs under --permission without --allow-inspector (measured).
 */
const toleratedByNode: { permission: string; api: string; note: string }[] = [
  { permission: 'Inspector', api: 'worker.Worker', note: 'Node asks for the inspector of every new worker and goes on without it' },
  // module.register() starts the loader thread the same way (fixture miss-module-register-hooks runs
  // under --permission without --allow-inspector on 24.21.0 and 26.10.0).
  { permission: 'Inspector', api: 'modules/esm/loader.register', note: 'module.register starts a loader thread, whose inspector Node asks for and goes on without' },
];

/** `node:fs` + `Object.readFileSync` -> `fs.readFileSync`; `node:internal/fs/promises` + `readFile` -> `fs/promises.readFile`. */
function apiName(frame: StackFrame): string | undefined {
  if (!frame.fn) return undefined;
  const module = frame.file.replace(/^node:/, '').replace(/^internal\//, '');
  const name = frame.fn.replace(/ \[as [^\]]+\]$/, '').replace(/^new /, '').replace(/^async /, '').split('.').pop()!;
  return `${module}.${name}`;
}

/** The API: the outermost of Node's own frames below the first frame that is not Node's. */
export function apiOf(stack: StackFrame[]): string | undefined {
  const firstOwn = stack.findIndex((f) => !f.file.startsWith('node:'));
  const inner = firstOwn < 0 ? stack : stack.slice(0, firstOwn);
  const named = inner.filter((f) => f.file !== 'node:diagnostics_channel');
  return named.length ? apiName(named[named.length - 1]!) : undefined;
}

function insideRoot(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The frames in the project (the app or its packages), outside Node's own code. */
function projectFrames(root: string, stack: StackFrame[]): StackFrame[] {
  return stack.filter((f) => path.isAbsolute(f.file) && insideRoot(root, f.file));
}


/**
 * Warnings about what a grant the analysis did make opens besides (a write that covers code, a
 * read that covers secrets, what workers can do, a folder granted as a prefix): they explain a
 * grant, they do not report an access the analysis could not follow.
 */
const aboutGrants = new Set(['FS_WRITE_COVERS_CODE', 'FS_READ_COVERS_SECRETS', 'FS_WRITE_COVERS_SECRETS', 'WORKER_NOT_CONFINED', 'ADDON_NOT_CONFINED', 'GRANT_NAME_PREFIX', 'FOLDER_GRANT', 'FOLDER_GRANT_LINKS_OUT', 'POLICY_READ_TOO_BROAD', 'UNRESOLVED_FALLBACK_REFUSED']);

type SiteReport = { code: string; site: Site };

/** Every site the report gave for something it could not resolve, keyed `file:line`, in the report's order. */
function reportedSites(report: Report): Map<string, SiteReport[]> {
  const sites = new Map<string, SiteReport[]>();
  const add = (code: string, site: Site | undefined) => {
    if (!site) return;
    const key = `${site.file}:${site.line}`;
    const here = sites.get(key);
    if (!here) sites.set(key, [{ code, site }]);
    else if (!here.some((h) => h.site.column === site.column)) here.push({ code, site });
  };
  // A module the analysis could not find is reported even at `info` (inside a try that handles
  // it, an optional dependency): Node's lookup of it is what the report names.
  for (const d of report.diagnostics) if ((d.severity !== 'info' || d.code === 'IMPORT_UNRESOLVED') && !aboutGrants.has(d.code)) add(d.code, d.site);
  for (const u of report.unresolved) {
    for (const site of [u.site, u.origin, ...(u.via ?? [])]) add('UNRESOLVED', site);
  }
  return sites;
}

/**
 * How far a frame's column may stand from a site's and still name one call. V8 places a call's
 * frame at the called member's name (`a.b(…)`: at `b`), at `new` (`new X(…)`), or else at the
 * argument list's `(` (`(0,p.execSync)(…)`, `f(…)`, `a['b'](…)`), measured on 20, 22, 24 and 26;
 * a site is the start of the call, of its argument or of code made in it. So the frame stands
 * after the call's site by the callee's length (173 columns for @babel/register's
 * `(c ? fs.mkdirSync : require("make-dir").sync)(…)`, which 160 made silent at the merge), or
 * before an argument's site by the arguments ahead of it. A minified bundle's other statements on
 * the same line mostly stand further off (node-machine-id's one line: a `CODE_GENERATED` warning
 * 1,800 columns before its silent `execSync` had counted it reported).
 */
const SITE_COLUMN_AFTER = 400;
const SITE_COLUMN_BEFORE = 160;

/** The site on the frame's line that names the frame's call: by column when both have one, else by the line. */
function siteOfFrame(here: readonly SiteReport[] | undefined, column: number): SiteReport | undefined {
  if (!here) return undefined;
  if (!(column >= 1)) return here[0];
  return here.find((h) => !(h.site.column >= 1) || (column - h.site.column <= SITE_COLUMN_AFTER && h.site.column - column <= SITE_COLUMN_BEFORE));
}

/** How many lines above its frame a call chained over lines may start. */
const MAX_CHAIN_LINES = 8;

/**
 * The site of a call chained over lines (`return glob\n    .sync(p, o)`, test-exclude): V8's
 * frame stands at the member's name on a line that starts with `.`, the report's site at the
 * chain's start, lines above. Each line above is looked at while the one below it continues the
 * chain; a site there names the call (a column cannot be compared across lines).
 */
function chainedSite(sites: Map<string, SiteReport[]>, file: string, frame: StackFrame, lineText: ClassifyOptions['lineText']): SiteReport | undefined {
  if (!lineText) return undefined;
  for (let line = frame.line; line > 1 && frame.line - line < MAX_CHAIN_LINES; line--) {
    if (!/^\s*\??\./.test(lineText(frame.file, line) ?? '')) return undefined;
    const above = sites.get(`${file}:${line - 1}`);
    if (above) return above[0];
  }
  return undefined;
}

/**
 * Files the report speaks for as a whole: one not analysed (over --max-file-size, nested too
 * deeply) whose accesses are unresolved at the file, so any access made from it was reported.
 */
function reportedFiles(report: Report): Map<string, { code: string; site: Site }> {
  const files = new Map<string, { code: string; site: Site }>();
  for (const u of report.unresolved) if (u.reason === 'file-too-large' && !files.has(u.site.file)) files.set(u.site.file, { code: 'UNRESOLVED', site: u.site });
  for (const d of report.diagnostics) if ((d.code === 'FILE_TOO_DEEP' || d.code === 'PARSE_FAILED') && d.site && !files.has(d.site.file)) files.set(d.site.file, { code: d.code, site: d.site });
  return files;
}

/**
 * Code a Node child got on its command line or stdin (`node -e CODE`) runs in frames named
 * `[eval]` or `[stdin]`, never in a project file, so the call that started the child is not on
 * its stack: the report's `child-inline-code` unresolved access at that call is what covers it,
 * or a `child-program` one: a program the analysis never read (npm running a package.json
 * script, npm-run-all2's children) may start such a child itself.
 */
function inlineChildReport(report: Report, stack: readonly StackFrame[]): { code: string; site: Site } | undefined {
  if (!stack.some((f) => /^\[(eval|stdin)\]/.test(f.file))) return undefined;
  const u = report.unresolved.find((x) => x.reason === 'child-inline-code') ?? report.unresolved.find((x) => x.reason === 'child-program');
  return u ? { code: 'UNRESOLVED', site: u.site } : undefined;
}

/**
 * A Node child running a program the analysis never read (a command known only at run time, such
 * as $EDITOR): the recorder names each process's script, and an access of a process whose script
 * is neither an entry nor a file the report analysed is covered by the report's `child-program`
 * access at the spawn.
 */
function unreadProgramReport(report: Report, access: RecordedAccess): { code: string; site: Site } | undefined {
  const main = access.main;
  if (main === undefined || !path.isAbsolute(main) || report.project.entries.includes(main)) return undefined;
  if (report.project.files.some((f) => path.resolve(report.project.root, f) === main)) return undefined;
  // The program is unknown (child-program), or it is Node and its script is (nodemon's
  // `fork(options.script)`: the script is a module request the analysis could not resolve), or
  // the call that started it was not followed at all: a callee whose fold the depth cut
  // (CALL_NOT_FOLLOWED fold-depth; hostile-execa-bound-tag-past-chain-steps) may be any function.
  const u = report.unresolved.find((x) => x.reason === 'child-program' || (x.capability === 'module' && (childScriptApis.has(x.api) || x.reason === 'depth-limit')));
  return u ? { code: 'UNRESOLVED', site: u.site } : undefined;
}

/**
 * An access by an fs or child_process function the report says was handed on as a value
 * (CAPABILITY_FUNCTION_ESCAPED): its holder calls it in code that is often another module than the
 * one that handed it on, so an access by that API counts as reported whatever its stack.
 */
function escapedFunctionReport(report: Report, api: string | undefined): { code: string; site: Site } | undefined {
  if (api === undefined) return undefined;
  // A function util.promisify made of it shows as `util.<name>` (mkdirp 1's `promisify(opts.mkdir)`).
  const names = /^util\./.test(api) ? [api.replace(/^util\./, 'fs.'), api.replace(/^util\./, 'child_process.')] : [api.replace(/^fs\/promises\./, 'fs.promises.')];
  const d = report.diagnostics.find((x) => x.code === 'CAPABILITY_FUNCTION_ESCAPED' && names.includes(String((x.args as { api?: unknown }).api)));
  return d?.site ? { code: d.code, site: d.site } : undefined;
}

/** The child-process APIs whose module request is the script a Node child runs (lib/detect/child-process.ts). */
const childScriptApis = new Set(['child_process.fork', 'child_process.spawn', 'child_process.spawnSync', 'child_process.execFile', 'child_process.execFileSync', 'child_process.exec', 'child_process.execSync']);

/**
 * A Node child started in another working folder (`{ cwd }`) resolves a relative path there
 * (`'build'`, `path.resolve('build')`, `process.cwd()`), not in the folder the app runs in (the
 * report's `cwd` assumption, else the project root). The recorder names the process's folder
 * (a record without it still tells by a relative path's absolute form): an access below a
 * folder other than the app's is covered by the report's `child-cwd` access of that scope at
 * the spawn.
 */
function otherFolderChildReport(report: Report, capability: AuditCapability, access: RecordedAccess, absPath: string | undefined): { code: string; site: Site } | undefined {
  if (absPath === undefined) return undefined;
  const runCwd = path.resolve((report.assumptions ?? []).find((a) => a.kind === 'cwd')?.value ?? report.project.root);
  const relative = access.resolved !== undefined && access.resource !== '' && !path.isAbsolute(access.resource);
  const elsewhere =
    access.cwd !== undefined
      ? path.resolve(access.cwd) !== runCwd && (relative || insideRoot(access.cwd, absPath))
      : relative && path.resolve(runCwd, access.resource) !== access.resolved;
  if (!elsewhere) return undefined;
  const u = report.unresolved.find((x) => x.reason === 'child-cwd' && x.capability === capability);
  return u ? { code: 'UNRESOLVED', site: u.site } : undefined;
}

const isStreamConstruct = (f: StackFrame): boolean => f.file === 'node:internal/fs/streams' && /(Read|Write)Stream\._construct$/.test(f.fn ?? '');

/**
 * A package's own stream class opens its file from Node's `_construct` on a later tick
 * (graceful-fs's `WriteStream$open`, which copy-file's `createWriteStream` makes): its frames are
 * the project's, but they all run inside that construct, so the call that made the stream is not
 * on the stack either, as for Node's own streams.
 */
function streamOpenedLater(stack: readonly StackFrame[], frames: readonly StackFrame[]): boolean {
  const construct = stack.findIndex(isStreamConstruct);
  return construct >= 0 && frames.every((f) => stack.indexOf(f) < construct);
}

/**
 * A file stream opens its file on a later tick (`ReadStream._construct` from the task queue), so
 * the `fs.createReadStream(p)` that asked is not on the open's stack. The report's unresolved
 * access by that stream API and scope is what covers it (json5's CLI: measured on 24 and 26).
 */
function lateStreamReport(report: Report, capability: AuditCapability, stack: readonly StackFrame[]): { code: string; site: Site } | undefined {
  const kind = stack.find(isStreamConstruct)?.fn;
  if (!kind) return undefined;
  const api = kind.startsWith('Read') ? 'createReadStream' : 'createWriteStream';
  return unresolvedCall(report, capability, (name) => name === api);
}

/** The report's first unresolved access of `capability` by an API whose last name passes `isApi`, as what reported an access. */
function unresolvedCall(report: Report, capability: AuditCapability, isApi: (name: string) => boolean): { code: string; site: Site } | undefined {
  const u = report.unresolved.find((x) => x.capability === capability && isApi(x.api.split('.').pop() ?? ''));
  return u ? { code: 'UNRESOLVED', site: u.site } : undefined;
}

/**
 * Node's recursive removal (`fs.rm`, `fs.promises.rm`, and `fs.rmdir` with `recursive` on older
 * Nodes) walks the tree on later ticks: the lstat, readdir, unlink and rmdir of each entry run
 * from the callbacks of `node:internal/fs/rimraf`, so the `rm(p)` that asked is not on their
 * stack. The report's unresolved rm access of that scope is what covers them (@humanfs/node's
 * deleteAll: measured on 24 and 26).
 */
function lateRemoveReport(report: Report, capability: AuditCapability, stack: readonly StackFrame[], api: string | undefined): { code: string; site: Site } | undefined {
  // On 26, fs.promises.rm checks its path again after an await of its own: its stack holds rm
  // and, at most, the project's awaiting caller.
  if (!stack.some((f) => f.file === 'node:internal/fs/rimraf') && !/\.(rm|rmdir)$/.test(api ?? '')) return undefined;
  return unresolvedCall(report, capability, (name) => name === 'rm' || name === 'rmdir');
}

/**
 * A package a model stands in for (MODEL_APPLIED: fast-glob's walk in @nodelib/fs.scandir) is not
 * read by the analysis: the modelled call is judged at its site instead, and reported when its
 * path cannot be told. The walk then runs from the package's own callbacks on later ticks, so the
 * readdir's stack holds none of the call that asked (@graphql-tools/graphql-file-loader's globby
 * of a pattern it is handed): it starts in a modelled package's callback and ends in a modelled
 * package's fs call, with at most the helpers it calls between (fastq, @nodelib/fs.walk's queue).
 * The report's unresolved access of that scope by a modelled package's API is what covers it. A
 * stack that starts anywhere else (a package calling the modelled API itself) is not this.
 */
function lateModelledReport(report: Report, capability: AuditCapability, frames: readonly StackFrame[]): { code: string; site: Site } | undefined {
  const began = frames.filter((f) => !f.async).at(-1);
  if (!began || frames.length === 0) return undefined;
  const modelled = new Set(report.diagnostics.filter((d) => d.code === 'MODEL_APPLIED').map((d) => String((d.args as { package?: unknown }).package)));
  if (!modelled.has(packageOf(frames[0]!.file)) || !modelled.has(packageOf(began.file))) return undefined;
  const u = report.unresolved.find((x) => x.capability === capability && [...modelled].some((p) => x.api === p || x.api.startsWith(`${p}.`)));
  return u ? { code: 'UNRESOLVED', site: u.site } : undefined;
}

/**
 * `fs.cp` (and `fs.promises.cp`) checks that its destination is not inside its source by a stat of
 * each folder above the destination, up to the disk root (`checkParentPaths` in
 * `node:internal/fs/cp/cp`), after an await of its own, so the call that asked is off the stack
 * (26: the awaiting module shown as a plain frame, @npmcli/fs's cp). The analysis reports every
 * cp call for exactly that (FS_NEEDS_ANCESTOR_READ), which is what covers these reads; the copy's
 * own reads and writes are not excused by it.
 */
function lateCopyAncestorsReport(report: Report, capability: AuditCapability, stack: readonly StackFrame[]): { code: string; site: Site } | undefined {
  // The checks before the copy: checkParentPaths' walk, and cpFn's stat of the paths (seen alone on 26's async cp). Reads only,
  // and not the copy's own (onFile, copyDir, …): those are the report's to grant.
  if (capability !== 'fs.read' || !stack.some((f) => f.file === 'node:internal/fs/cp/cp' && (f.fn === 'checkParentPaths' || f.fn === 'cpFn'))) return undefined;
  const d = report.diagnostics.find((x) => x.code === 'FS_NEEDS_ANCESTOR_READ' && /(^|\.)cp$/.test(String((x.args as { api?: unknown }).api)));
  return d?.site ? { code: d.code, site: d.site } : undefined;
}

/**
 * `fs.realpath` (the callback form) lstats each folder of its path from the disk root down, in
 * its own `LOOP` on later ticks (every version 20-26: browserify's realpath of each module), so
 * the call that asked is off the stack and the folders are the project's parents, which the
 * loader's package-scope lookup also reads. The analysis reports every such call for exactly
 * that (FS_NEEDS_ANCESTOR_READ), which is what covers these reads; without one the walk is the
 * project's and silent, never Node's own.
 */
function isRealpathWalk(capability: AuditCapability, stack: readonly StackFrame[]): boolean {
  return capability === 'fs.read' && stack.some((f) => f.file === 'node:fs' && f.fn === 'LOOP');
}

function realpathAncestorsReport(report: Report): { code: string; site: Site } | undefined {
  const d = report.diagnostics.find((x) => x.code === 'FS_NEEDS_ANCESTOR_READ' && /(^|\.)realpath$/.test(String((x.args as { api?: unknown }).api)));
  return d?.site ? { code: d.code, site: d.site } : undefined;
}

/** The path Node checked: it normalises `..` and `.` before the check (docs/node-facts.md#grant-paths), the record keeps them as written. */
function fsPath(access: RecordedAccess): string {
  const p = access.resolved ?? access.resource;
  return path.isAbsolute(p) ? path.normalize(p) : p;
}

/** Whether one of the analysis's own needs (not a fallback) names the path. */
function neededByAnalysis(report: Report, capability: 'fs.read' | 'fs.write', p: string): boolean {
  const loaded = capability === 'fs.read' && (report.project.entries.includes(p) || report.project.files.some((f) => path.resolve(report.project.root, f) === p));
  return (
    loaded ||
    report.needs.some((n) => {
      if (n.capability !== capability || n.path === undefined) return false;
      if (n.wildcard) return p.startsWith(n.path);
      return n.path === p || (n.subtree === true && p.startsWith(n.path.endsWith('/') ? n.path : `${n.path}/`));
    })
  );
}

/**
 * Granted by the analysis. A grant the unresolved fallback (`--unresolved project`) took part in
 * is the project root, which other grants were merged into: it counts only for a path one of
 * the analysis's own needs names, since covering the rest is the fallback, not the analysis.
 */
function isGranted(report: Report, capability: AuditCapability, access: RecordedAccess, isDir: (p: string) => boolean): boolean {
  if (capability === 'fs.read' || capability === 'fs.write') {
    const p = fsPath(access);
    const grants = capability === 'fs.read' ? report.policy.fsRead : report.policy.fsWrite;
    return grants.some((g) => grantCovers(g.path, p, isDir) && (!g.evidence.some((e) => e.reason === 'unresolved-fallback') || neededByAnalysis(report, capability, p)));
  }
  const info = booleanCapabilities.find((c) => c.capability === capability);
  return info !== undefined && report.policy[info.policyKey].granted;
}

/**
 * Node's module loader looking for the package scope of a module it loads: it reads the folder
 * of the module (docs/node-facts.md#audit-mode — the folder, not its package.json) and goes on when that is denied.
 * Asked by the loader (an internal `modules/` frame) or by nothing in the project at all (the
 * entry). The path must be a folder that holds a module the analysis loaded, or (for modules
 * the analysis never saw, say in a child it did not follow) an existing folder: the loader never
 * reads what is in a folder, only whether it is there.
 */
function isPackageScopeLookup(report: Report, capability: AuditCapability, absPath: string, access: RecordedAccess, first: StackFrame | undefined, isDir: (p: string) => boolean): boolean {
  if (capability !== 'fs.read' || (first && !askedByLoader(access.stack))) return false;
  const folder = absPath.endsWith('/') ? absPath : `${absPath}/`;
  const loaded = [...report.project.entries, ...report.project.files.map((f) => path.resolve(report.project.root, f))];
  return loaded.some((file) => file.startsWith(folder)) || isDir(absPath);
}

/**
 * Whether Node's module loader is among Node's frames below the first frame that is not Node's:
 * `require` (the API), or the loader's anonymous `.js` handler that a require hook calls itself
 * (pirates' `oldLoader(mod, filename)`, under sucrase/register), which names no API.
 */
function askedByLoader(stack: StackFrame[]): boolean {
  const firstOwn = stack.findIndex((f) => !f.file.startsWith('node:'));
  return (firstOwn < 0 ? stack : stack.slice(0, firstOwn)).some((f) => f.file.startsWith('node:internal/modules/'));
}

/**
 * The fs calls that only ask whether a path is there (stat, lstat, access, exists; sync,
 * callback, promise, or through util.promisify, whose frame is `util.stat`).
 */
function isExistenceProbe(api: string | undefined): boolean {
  return api !== undefined && /^(fs(\/promises)?|util)\.(stat|lstat|access|exists)(Sync)?$/.test(api);
}

export interface ClassifyOptions {
  /** Whether a granted path is a folder (a plain folder grant covers its subtree). Default: never. */
  isDir?: (p: string) => boolean;
  /** Whether a path exists (after the run), for `absent` probes. Default: always, so none is `absent`. */
  exists?: (p: string) => boolean;
  /** A line of a file on the stack (absolute path, 1-based), for calls chained over lines. Default: none read. */
  lineText?: (file: string, line: number) => string | undefined;
}

/**
 * The report's sites and whole files, built once per report: verify sorts every access of a run
 * against the same report (thousands for a build tool), and each build walks all its diagnostics.
 */
const placesOf = new WeakMap<Report, { sites: Map<string, SiteReport[]>; files: Map<string, { code: string; site: Site }> }>();
function reportedPlaces(report: Report): { sites: Map<string, SiteReport[]>; files: Map<string, { code: string; site: Site }> } {
  let places = placesOf.get(report);
  if (!places) placesOf.set(report, (places = { sites: reportedSites(report), files: reportedFiles(report) }));
  return places;
}

/** Sorts one recorded access; see AccessClass. */
export function classifyAccess(report: Report, access: RecordedAccess, options: ClassifyOptions = {}): ClassifiedAccess {
  const root = report.project.root;
  const capability = capabilityOf[access.permission] ?? 'other';
  const isFs = capability === 'fs.read' || capability === 'fs.write';
  const absPath = isFs ? fsPath(access) : undefined;
  const flag = isFs ? `${flagOf[capability]}=${absPath}` : flagOf[capability];
  const api = apiOf(access.stack);
  const frames = projectFrames(root, access.stack);
  const first = frames[0];
  const base: Omit<ClassifiedAccess, 'class'> = {
    capability,
    flag,
    ...(absPath !== undefined ? { path: absPath } : {}),
    ...(api ? { api } : {}),
    ...(first ? { site: { file: relativeFile(root, first.file), line: first.line, column: first.column }, package: packageOf(first.file) } : {}),
    access,
  };
  const tolerated = toleratedByNode.find((t) => t.permission === access.permission && t.api === api);
  if (tolerated) return { ...base, class: 'outside', note: tolerated.note };
  if (isRealpathWalk(capability, access.stack) && !isGranted(report, capability, access, options.isDir ?? (() => false))) {
    const by = realpathAncestorsReport(report);
    return by ? { ...base, class: 'reported', reportedBy: by } : { ...base, class: 'silent' };
  }
  if (absPath !== undefined && isPackageScopeLookup(report, capability, absPath, access, first, options.isDir ?? (() => false))) {
    return { ...base, class: 'outside', note: 'Node looks for the package scope of a module it loads, and goes on when the folder is not readable' };
  }
  if (isGranted(report, capability, access, options.isDir ?? (() => false))) return { ...base, class: 'granted' };
  const { sites, files } = reportedPlaces(report);
  for (const f of frames) {
    const file = relativeFile(root, f.file);
    const hit = siteOfFrame(sites.get(`${file}:${f.line}`), f.column) ?? chainedSite(sites, file, f, options.lineText) ?? files.get(file);
    if (hit) return { ...base, class: 'reported', reportedBy: hit };
  }
  if (absPath !== undefined && isExistenceProbe(api) && !(options.exists ?? (() => true))(absPath)) {
    return { ...base, class: 'absent', note: 'the code probed for a path that does not exist' };
  }
  // Node's work on a later tick (a stream's open, a recursive removal's walk) has no synchronous
  // frame of the project; a caller awaiting it may still show as an `async` frame. A removal
  // walk that resumes after awaits of its own may show the module awaiting it as a plain frame
  // (26: \`index.js:5:1\`, the rm call's own frames gone), so its rimraf frames are enough.
  const synchronous = frames.some((f) => !f.async) && !streamOpenedLater(access.stack, frames);
  const inline =
    (synchronous
      ? lateRemoveReport(report, capability, access.stack, undefined)
      : (inlineChildReport(report, access.stack) ?? lateStreamReport(report, capability, access.stack) ?? lateRemoveReport(report, capability, access.stack, api))) ??
    lateCopyAncestorsReport(report, capability, access.stack);
  if (inline) return { ...base, class: 'reported', reportedBy: inline };
  const elsewhere = otherFolderChildReport(report, capability, access, absPath) ?? unreadProgramReport(report, access) ?? escapedFunctionReport(report, api) ?? lateModelledReport(report, capability, frames);
  if (elsewhere) return { ...base, class: 'reported', reportedBy: elsewhere };
  if (first) return { ...base, class: 'silent' };
  if (absPath !== undefined && insideRoot(root, absPath)) return { ...base, class: 'silent' };
  return { ...base, class: 'outside', note: 'no frame of the project asked for it' };
}

/** Sorts every recorded access (see classifyAccess); the order is kept. */
export function classifyAccesses(report: Report, accesses: readonly RecordedAccess[], options: ClassifyOptions = {}): ClassifiedAccess[] {
  return accesses.map((a) => classifyAccess(report, a, options));
}
