// Diagnostic codes, their typed arguments, and the formatter that turns them into text (a table
// of one small formatter per code). Tests assert codes, args and sites, never wording;
// docs/diagnostics.md has one heading per code, and a test keeps that list and this union in
// step. A released code is never reused.

import type { BroadPrefix, EscapeHow, Severity, Site, UnknownReason, UnresolvedMode } from '../types.js';
import type { TypeScriptProblem } from '../node-versions/typescript.js';

export type DiagnosticArgs = {
  PARSE_FAILED: { message: string };
  FILE_UNREADABLE: { path: string; error: string };
  /** `capabilities`: what the built-ins its text names gate (a cheap pass over the text), when any. */
  /** `unscanned`: over MAX_SCAN_BYTES too (lib/graph/large-file.ts): its text was not read for the modules it names. */
  FILE_TOO_LARGE: { path: string; size: number; limit: number; capabilities?: string[]; unscanned?: true };
  FILE_NOT_TEXT: { path: string };
  TIME_BUDGET_EXCEEDED: { budgetMs: number; analysed: number; skipped: number; callsCut: boolean };
  IMPORT_UNRESOLVED: { specifier: string; optional?: 'try' | 'optional-dependency' };
  IMPORT_DYNAMIC: { api: string; reason: UnknownReason; name?: string; fallback?: UnresolvedMode; byEntry?: true };
  FS_PATH_UNKNOWN: {
    api: string;
    scope: 'read' | 'write';
    reason: UnknownReason;
    name?: string;
    prefix?: string;
    /** The prefix was known but granting it would open this (lib/detect/prefix.ts). */
    broad?: BroadPrefix;
    fallback: UnresolvedMode;
    /** The project fallback granted the root's entries one by one, not the root (FALLBACK_ROOT_ENTRIES). */
    byEntry?: true;
  };
  FS_NEEDS_ANCESTOR_READ: { api: string; path: string };
  FS_SYMLINK_NEEDS_FULL: { api: string };
  FS_API_DISABLED: { api: string };
  FS_GLOB_EMPTY: { api: string };
  CAPABILITY_UNAVAILABLE: { capability: string; target: string };
  CAPABILITY_NOT_GATED: { capability: string; target: string };
  CHILD_NOT_RESTRICTED: { target: string };
  TARGET_FLAG_OMITTED: { flag: string; capability: string; lacking: string; needing: string };
  TARGET_EOL: { major: number; endOfLife: string; supported: number[] };
  TARGET_OUTSIDE_ENGINES: { target: string; engines: string };
  ADVISORY_UNFIXED: { id: string; summary: string; affected: string; fixedIn?: string; upgradeTo?: string; basis: 'listed' | 'inferred' };
  FOLDER_GRANT: { path: string; rule: 'type-module' | 'prefix' | 'user' };
  ENTRY_MISSING: { entry: string };
  MODEL_INVALID: { file: string; problems: string[] };
  FLOW_LIMIT: { replays: number };
  MODEL_APPLIED: { package: string; model: string; covers: number };
  FS_PATH_NOT_EXPRESSIBLE: { path: string; scope: 'read' | 'write'; problem: 'wildcard' | 'nul' | 'not-unicode' };
  SCRIPT_OTHER_COMMAND: { script: string; command: string; program: string };
  SCRIPT_CODE_NOT_ANALYSED: { script: string; command: string; reason: 'eval' | 'stdin' | 'repl' | 'test' | 'no-run' | 'dynamic-entry' | 'cwd-unknown' };
  SCRIPT_ENV_FILE: { script: string; file: string };
  SCRIPT_PATHS_ABSOLUTE: { script: string; command: string; reason: 'child-process' | 'cwd-unknown' | 'outside-root'; paths: string[] };
  CODE_GENERATED: { api: string; reason: UnknownReason; name?: string; from: 'input' | 'program'; fallback: UnresolvedMode; byEntry?: true };
  MODULE_LOADER_ESCAPED: { api: string; how: 'argument' | 'stored' | 'returned' | 'unknown-base'; reason: UnknownReason; name?: string; fallback: UnresolvedMode; byEntry?: true };
  TYPESCRIPT_TARGET: { problem: TypeScriptProblem; releases?: string; flag?: string; syntax?: string };
  FS_WRITE_COVERS_CODE: {
    /** The write grant as emitted. */
    grant: string;
    covers: 'git' | 'package-json' | 'lockfile' | 'node_modules' | 'module';
    /** The code path it covers (or, inside a code folder, the grant's own path). */
    path: string;
    /** How many modules the app loads it covers. */
    modules: number;
    /** What asked for the grant: a call site, the unresolved-write fallback, or --write. */
    from: 'code' | 'fallback' | 'option';
  };
  POLICY_WRITE_TOO_BROAD: { source: string; flag: string; opens: 'everything' | 'disk-root' | 'home' | 'project-root' };
  POLICY_VOIDS_MODEL: { source: string; flag: string; capability: 'child-process' | 'addons' };
  /** A read grant wider than one file opens secret entries of the project root (names, sorted). */
  /** `from`: who asked for the grant: a call, the --read option, or Node's `"type": "module"` rule for the package folder (no call). */
  /** `through`: the grant is a link (or below one) to the secret, which Node never follows to check. */
  FS_READ_COVERS_SECRETS: { grant: string; secrets: string[]; from: GrantAskedBy; folder?: string; through?: string };
  /** The same for a write grant: the app can replace or add to the secrets (a write into `.git` is FS_WRITE_COVERS_CODE's). */
  FS_WRITE_COVERS_SECRETS: { grant: string; secrets: string[]; from: GrantAskedBy; folder?: string; through?: string };
  GRANT_NAME_PREFIX: { path: string; scope: 'read' | 'write'; siblings: string[]; kept?: boolean };
  /** --allow-worker is granted: what a worker can do beyond the policy (`readsCwd`: the releases where any worker reads below the working folder). */
  WORKER_NOT_CONFINED: { readsCwd?: string };
  TARGET_RANGE_NARROWED: { engines: string; covers: string[]; left: string[]; running: string; reason?: 'split-fs-flags' };
  FILE_TOO_DEEP: { path: string; stage: 'parser' | 'analysis' };
  /** `packageJson` project-relative; `key` the subpath or `#` name looked up; `problem`: see lib/project/package-target.ts. */
  PACKAGE_TARGET_INVALID: { specifier: string; field: 'exports' | 'imports'; key: string; problem: 'not-relative' | 'segment' | 'subpath' | 'import-name' | 'too-deep'; packageJson: string };
  /** `on`: the target's releases that deny it (filled by analyze(); empty as the detector reports it). */
  /** `unless`: why the app may live past the failure (then a warning); `condition`: the option test of `option`. */
  API_ALWAYS_DENIED: { api: string; on: string; workaround: DeniedWorkaround; unless?: DeniedUnless; condition?: string };
  FS_NOT_CHECKED: { api: string; path: string };
  CAPABILITY_NOT_GRANTED: { api: string; flag: string };
  CAPABILITY_ESCAPED: { module: string; api: string; fallback: UnresolvedMode; byEntry?: true };
  /** A committed policy reads every path, the disk root or the home folder (or a folder above it). */
  POLICY_READ_TOO_BROAD: { source: string; flag: string; opens: 'everything' | 'disk-root' | 'home' };
  /** The project root is the disk root or the home folder: the project fallback of these scopes grants nothing. */
  UNRESOLVED_FALLBACK_REFUSED: { root: string; opens: 'disk-root' | 'home'; scopes: ('read' | 'write')[] };
  /** A folder grant holds a link whose target lies outside the folder: Node checks the path as given, so the grant opens the target. */
  FOLDER_GRANT_LINKS_OUT: { grant: string; scope: 'read' | 'write'; link: string; target: string; from: GrantAskedBy };
  /**
   * A call followed no further: into another module, its re-export chain or its nesting of calls between modules is longer than the
   * bound; `fold-depth`, the value it calls was folded past the evaluator's depth (`specifier` is then the callee as written, `name` empty).
   */
  CALL_NOT_FOLLOWED: { specifier: string; name: string; bound: CallBound; limit: number; fallback: UnresolvedMode; byEntry?: true };
  /** A config file a package model's search found in a folder that holds the project (a workspace root), the home folder or the disk root: granted (and analysed when it is code). */
  CONFIG_OUTSIDE_PROJECT: { file: string; package: string; folder: 'above-project' | 'home' | 'disk-root' };
  /**
   * A module's exports escape where matching cannot follow them (lib/detect/export-escape.ts): `path` the export (`''` the
   * module), `how` the shape, `functions` how many of its functions with parameter-dependent accesses it opens, `scopes` their capabilities.
   */
  EXPORTS_ESCAPED: { specifier: string; path: string; how: EscapeHow; functions: number; scopes: ('read' | 'write' | 'module')[]; fallback: UnresolvedMode; byEntry?: true };
  /**
   * The project fallback of `scope` granted the root's entries one by one (`grants` grants), since the root holds `withheld` (paths
   * relative to the root: secrets, code for writes, links out, names with `*`); of the entries not on disk, only `created` (made by a
   * write the analysis resolved) are among them (lib/policy/created.ts).
   */
  FALLBACK_ROOT_ENTRIES: { scope: 'read' | 'write'; root: string; withheld: string[]; grants: number; created: string[] };
  /** An fs or child_process function kept as a value in an object literal or handed to a function that is not a built-in (lib/detect/function-escape.ts). */
  CAPABILITY_FUNCTION_ESCAPED: { module: 'fs' | 'child_process'; api: string; how: 'stored' | 'argument' };
  /** A grant in the home folder of the user who ran the analysis, asked for by code (lib/policy/home-grants.ts); `secret`: the secret it is or lies in. */
  FS_GRANT_IN_HOME: { grant: string; scope: 'read' | 'write'; home: string; secret?: string };
  /** --allow-addons is granted: a native addon loaded here (`api` the load, `package` whose code loads it) runs outside the Permission Model. */
  ADDON_NOT_CONFINED: { api: string; package: string };
};

/** Who asked for a folder grant a policy check reports on. */
export type GrantAskedBy = 'code' | 'option' | 'type-module';

/** Why a call the Permission Model always denies may not end the app: its callback gets the error, a `try` catches it, or it runs only when an option is set. */
export type DeniedUnless = 'callback' | 'caught' | 'option' | 'caller';

/** What to do instead of an API the Permission Model always denies: the hint of API_ALWAYS_DENIED. */
/** Which bound stopped a call being followed (CALL_NOT_FOLLOWED). */
export type CallBound = 'reexports' | 'call-depth' | 'fold-depth' | 'rewritten' | 'replays' | 'members';

export type DeniedWorkaround = 'skip-fsync' | 'path-variant' | 'public-api';

const deniedHints: Record<DeniedWorkaround, string> = {
  'skip-fsync':
    'no grant makes it work: turn the fsync off where the library allows it (write-file-atomic `fsync: false`), write without it (a plain writeFile, or a rename of a temp file), or run this app without the Permission Model',
  'path-variant': 'call the path-based variant instead (chmod, chown, utimes on the file name), which the write grant allows',
  'public-api': 'use the public module (require(\'node:fs\') and the like) instead of the internal binding',
};

/** What happens at a call the Permission Model always denies, by why the app may live past it. */
function deniedOutcome(a: DiagnosticArgs['API_ALWAYS_DENIED']): string {
  switch (a.unless) {
    case 'callback':
      return 'its callback receives ERR_ACCESS_DENIED under any policy, and the app fails if it treats that as fatal';
    case 'caught':
      return 'it throws ERR_ACCESS_DENIED under any policy, and the `try` around it catches that';
    case 'option':
      return `it fails with ERR_ACCESS_DENIED under any policy, but runs only when \`${a.condition ?? ''}\` holds, which is off unless the app turns it on`;
    case 'caller':
      return `it fails with ERR_ACCESS_DENIED under any policy, but its function is called only when \`${a.condition ?? ''}\` holds`;
    default:
      return 'the app fails with ERR_ACCESS_DENIED here under any policy';
  }
}

export type DiagnosticCode = keyof DiagnosticArgs;

export type Diagnostic = {
  [C in DiagnosticCode]: { code: C; severity: Severity; site?: Site; args: DiagnosticArgs[C] };
}[DiagnosticCode];

export function diagnostic<C extends DiagnosticCode>(
  code: C,
  severity: Severity,
  args: DiagnosticArgs[C],
  site?: Site,
): Diagnostic {
  return { code, severity, args, ...(site ? { site } : {}) } as Diagnostic;
}

const reasonText: Record<UnknownReason, string> = {
  parameter: 'it is a function parameter and no call with a known argument was found',
  'env-unbound': 'it reads an environment variable that has no --env binding',
  'computed-member': 'it uses a computed property',
  'call-result': 'it is the result of a call the analyser does not model',
  reassigned: 'the variable is assigned more than once',
  'unsupported-expression': 'the expression is not one the analyser can fold',
  global: 'it uses a global the analyser cannot see',
  imported: 'it is a value imported from another module',
  'loop-variable': 'it is a loop variable over values the analyser cannot list',
  'not-a-string': 'the value is not a path string',
  'depth-limit': 'folding gave up after too many steps',
  'model-folder': 'a package model says the call reads or writes that whole folder',
  'cli-argument': 'it is a command-line option with no default, given only when the app runs',
  'generated-code': 'it is code made at run time from a string the analyser could not read',
  'loader-escaped': 'require is handed on where the analyser does not follow it',
  'file-too-large': 'the file is larger than --max-file-size, so its calls were not analysed, and its text loads a file-system module',
  'value-limit': 'the value grew past what the analysis folds (a string over 4,096 characters, the longest path Linux opens, or more than 16 alternatives)',
  'capability-escaped': 'it is a call on a built-in module (or a copy of one) whose method the analyser cannot name',
  'child-inline-code': 'it is code a Node child gets on its command line (-e, -p) or from stdin, not a file the analysis can read',
  'parent-walk': 'it walks up the parent folders of a path (a function that calls itself with the folder above its parameter), which may go as far as the disk root',
  'chdir-folder': 'process.chdir needs read on the folder it enters, and Node grants a folder with everything below it',
  'child-cwd': 'the Node child it starts runs in another working folder (its cwd option), where the relative paths of its script resolve; the analysis followed the script from the app\'s folder',
  'child-program': 'the program the child runs is known only at run time; if it is Node (or a script Node runs), it runs under the policy it inherits, with code the analysis never read',
  'symlink-folder': 'the module is loaded through a symbolic link, which Node reads to find the real path; the link leads to the project root, the home folder or the disk root, and a grant of it would open all of that through it',
  'template-outside-project': 'a template on disk names a file in a folder outside the project, and that folder would be granted with everything in it on the word of a data file',
  'search-limit': 'the package looks through every folder below this one (for its config files, or templates that name others), and the analysis stopped at its bound (a huge tree, links that multiply its paths, or a template over 1 MiB); what lies further down is read unseen',
  'broad-folder': 'the path is known, but it is the disk root, the home folder or a folder that holds the project (or a folder above one), and Node grants a folder with everything below it',
  'flow-bound': 'the call reaches another module through more re-exports, or more nested calls between modules, than the analysis follows (a bound that keeps hostile input from exhausting it); what the code there does is not seen',
  'exports-escaped': 'it is in a function of another module whose exports escape where the analysis cannot follow them, or in an exported function whose value escapes in its own file (EXPORTS_ESCAPED at the same site)',
  'realpath-link': 'fs.realpathSync reads each symbolic link on the way to the path; this one leads to the project root, the home folder or the disk root, and a grant of it would open all of that through it',
  'compile-cache-folder': 'module.enableCompileCache writes and reads the compile cache below its folder, and Node grants a folder with everything below it',
  'recursive-folder': 'fs.readdir with recursive: true reads every folder below this one, each checked by Node, and a grant of everything below it would open the project root, the home folder or the disk root',
  'function-escaped': 'an fs function is kept as a value in an object or handed to a function: whoever holds it may call it with any path',
  'export-rewritten': 'the export it calls is written more than once with different values, and a call of it may run one the analysis does not follow',
  'module-instance': 'it is required through a module object made with `new Module(…)`, which Node resolves from the file name that object has at run time, not from the file that calls it',
  'link-limit': 'Node\'s realpath reads each symbolic link on the way to the path, and the way holds more links than the analysis looks at (64, a bound that keeps hostile input from exhausting it); this one and those after it are read unseen',
};

/** What the fallback did with an access that may read anything. */
function callBoundText(bound: CallBound, limit: number): string {
  if (bound === 'reexports') return `it reaches its function through more than ${limit} re-exports`;
  if (bound === 'call-depth') return `it is made more than ${limit} calls between modules deep`;
  if (bound === 'replays') return `matching calls between modules stopped after ${limit} replays (FLOW_LIMIT), before this call`;
  if (bound === 'rewritten') return 'the export it calls is written more than once with different values (exports.x = a; … exports.x = b), and only the last is followed';
  if (bound === 'members') return `the module is handed on whole and exports more than ${limit} names, past which the fs functions it may hold are not read`;
  return `the function it calls was folded through more than ${limit} nested steps (a wrapper of a wrapper of …), where the analysis gives up`;
}

function fallbackText(fallback: UnresolvedMode | undefined, byEntry?: true): string {
  if (fallback === 'project' && byEntry) return `the project root's entries are readable as fallback, one by one (${byEntryText})`;
  return fallback === 'project' ? 'the project root is readable as fallback' : fallback === 'error' ? 'not granted (error)' : 'not granted';
}

const broadText: Record<BroadPrefix, string> = {
  'disk-root': 'the whole disk',
  home: 'the home folder (or a folder above it)',
  'project-root': 'names in the project root or above it (its code, package.json, .git)',
  'dot-names': 'every dot-file beside it (.env, .git, .ssh)',
};

/** What a grant of a too-broad prefix would open, in words (for the explain view too). */
export function broadPrefixText(broad: BroadPrefix): string {
  return broadText[broad];
}

/** Where the fallback granted the root's entries one by one: what it leaves out, in a few words. */
const byEntryText = 'not all of the root: not its secrets, nor what the app makes there at run time unless the analysis saw it made; FALLBACK_ROOT_ENTRIES';

function fallback(mode: UnresolvedMode, byEntry?: true): string {
  if (mode === 'project' && byEntry) return `granted the project root's entries one by one as fallback (${byEntryText})`;
  return mode === 'project' ? 'granted the project root as fallback' : mode === 'error' ? 'not granted (error)' : 'not granted';
}

/** `npm install NAME` for a package, a path fix for a relative or absolute specifier. */
function missingModuleHint(specifier: string): string {
  if (/^[./]/.test(specifier)) return `fix the path: no file '${specifier}' exists from the calling file`;
  const name = specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
  return `install it (npm install ${name}, or npm ci) so its code can be analysed`;
}

/** What the user can do, given the fallback already in force. */
function reasonHint(reason: UnknownReason, name: string | undefined, scope: string, fallback: UnresolvedMode, prefix?: string): string {
  const bind = reason === 'env-unbound' && name ? `bind it with --env ${name}=VALUE, or ` : '';
  const other = fallback === 'project' ? '; --unresolved warn grants nothing instead' : fallback === 'warn' ? '; --unresolved project grants the project root instead' : '';
  const folder = prefix === undefined ? undefined : prefix.endsWith('/') ? prefix : prefix.slice(0, prefix.lastIndexOf('/') + 1);
  // The code shows the folder: name it, so the hint is what to type (a trailing / grants the folder).
  if (folder && folder !== '/') return `${bind}add --${scope} ${folder} if everything it ${scope}s there may be granted (or in package.json permissionPolicy.${scope})${other}`;
  return `${bind}add --${scope} PATH for the paths it uses at run time (or list them in package.json permissionPolicy.${scope})${other}`;
}

/** `512 B`, `3.2 KiB`, `4 MiB`: sizes as people read them. */
function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const [value, unit] = n < 1024 * 1024 ? [n / 1024, 'KiB'] : [n / (1024 * 1024), 'MiB'];
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
}

/** What a diagnostic says: the message, and what the user can do. */
type DiagnosticText = { message: string; hint?: string };

/** Message and hint of each code. The mapped type makes a code without an entry fail the build. */
const formatters: { [C in DiagnosticCode]: (a: DiagnosticArgs[C]) => DiagnosticText } = {
  PARSE_FAILED: (a) => ({ message: `cannot parse: ${a.message}`, hint: 'the rest of the project was still analysed; fix the syntax error or exclude the file' }),
  FILE_UNREADABLE: (a) => ({ message: `cannot read ${a.path}: ${a.error}`, hint: 'check the file exists and is readable' }),
  FILE_TOO_LARGE: (a) => ({
    message: a.unscanned
      ? `not analysed: ${a.path} is ${formatBytes(a.size)}, over the ${formatBytes(a.limit)} limit and too large even to scan its text; it is granted as loaded code, taken to use fs (its reads and writes are unresolved at the file), and the modules it loads are not followed`
      : `not analysed: ${a.path} is ${formatBytes(a.size)}, over the ${formatBytes(a.limit)} limit; it is granted as loaded code and the modules its text names are followed, but what it accesses is not in the policy${a.capabilities?.length ? ` (its text loads modules that use: ${a.capabilities.join(', ')})` : ''}`,
    hint: `raise the limit with --max-file-size ${formatBytes(Math.max(a.size, a.limit * 2)).replace(' ', '')}, or add --read/--write for what it uses`,
  }),
  FILE_NOT_TEXT: (a) => ({ message: `${a.path} is not JavaScript text (binary content); not analysed`, hint: 'the app fails when it loads this file; check that it is the file meant to be loaded' }),
  TIME_BUDGET_EXCEEDED: (a) => ({
    message: `the ${a.budgetMs / 1000} s time budget ran out after ${a.analysed} files: ${a.skipped} loaded files were granted but not analysed${a.callsCut ? ', and calls between files were not followed' : ''}; the policy may miss what they access and the code they load`,
    hint: 'raise --time-budget, or run without it',
  }),
  IMPORT_UNRESOLVED: (a) => {
    if (a.optional === 'try') {
      return { message: `cannot resolve module '${a.specifier}', loaded inside a try whose catch handles its absence`, hint: `nothing to do unless the app needs '${a.specifier}'; then install it so its code is analysed` };
    }
    if (a.optional === 'optional-dependency') {
      return { message: `cannot resolve module '${a.specifier}', an optional dependency (installed only where its platform matches)`, hint: `generate on the platform that runs the app if it uses '${a.specifier}' there` };
    }
    return { message: `cannot resolve module '${a.specifier}'`, hint: missingModuleHint(a.specifier) };
  },
  IMPORT_DYNAMIC: (a) => ({
    message: `${a.api}() with a module name that cannot be resolved statically: ${reasonText[a.reason]}${a.name ? ` (${a.name})` : ''}${
      a.fallback === 'project' ? `; ${fallbackText(a.fallback, a.byEntry)}` : a.fallback === 'error' ? '' : '; not granted'
    }`,
    hint: 'the loaded module is not analysed; pass it as an extra entry or add --read PATH',
  }),
  FS_PATH_UNKNOWN: (a) => {
    const what = a.prefix ? `a path under ${a.prefix}` : 'a path';
    if (a.prefix && a.broad && a.reason === 'broad-folder') {
      return {
        message: `${a.api} ${a.scope}s ${a.prefix}, and Node grants a folder with everything below it: granting it would open ${broadPrefixText(a.broad)}; ${fallback(a.fallback, a.byEntry)}`,
        hint: `${a.scope} a folder of its own, or grant it knowingly with --${a.scope} ${a.prefix}`,
      };
    }
    if (a.prefix && a.broad) {
      const opens = broadPrefixText(a.broad);
      return {
        message: `${a.api} ${a.scope}s a path that starts with ${a.prefix} and continues with a value that cannot be resolved (${reasonText[a.reason]}${a.name ? `, ${a.name}` : ''}); granting ${a.prefix}* would open ${opens}; ${fallback(a.fallback, a.byEntry)}`,
        hint: `make the path start with a folder of its own (path.join(dir, 'sub', name)), or grant what it needs with --${a.scope} PATH`,
      };
    }
    return {
      message: `${a.api} ${a.scope}s ${what} that cannot be resolved: ${reasonText[a.reason]}${a.name ? ` (${a.name})` : ''}; ${fallback(a.fallback, a.byEntry)}`,
      hint: reasonHint(a.reason, a.name, a.scope, a.fallback, a.prefix),
    };
  },
  FS_NEEDS_ANCESTOR_READ: (a) => ({
    message: `${a.api} needs read access on every folder above ${a.path}, which in practice means --allow-fs-read=/ (not granted)`,
    hint: 'use the synchronous variant (realpathSync, cpSync), or add --read / if you accept that',
  }),
  FS_SYMLINK_NEEDS_FULL: (a) => ({
    message: `${a.api} requires unrestricted read and write access under the Permission Model (not granted)`,
    hint: 'avoid creating symlinks at run time, or add --read "*" --write "*" knowingly',
  }),
  FS_API_DISABLED: (a) => ({ message: `${a.api} always fails while the Permission Model is on`, hint: 'use the path-based variant (chmod, chown, utimes)' }),
  FS_GLOB_EMPTY: (a) => ({ message: `${a.api} is not checked by the Permission Model and may return no matches under it`, hint: 'list the folder with readdir instead' }),
  CAPABILITY_UNAVAILABLE: (a) => ({ message: `${a.capability} cannot be allowed under the Permission Model on Node ${a.target}`, hint: 'target a Node version that has the flag, or do not use the Permission Model for this app' }),
  CAPABILITY_NOT_GATED: (a) => ({
    message: `${a.capability} is not restricted by the Permission Model on Node ${a.target}`,
    hint: `the policy cannot limit it there; ${a.capability === 'net' ? 'Node 25+ gates network with --allow-net' : `later releases restrict it with --allow-${a.capability}`}`,
  }),
  TARGET_FLAG_OMITTED: (a) => ({
    message: `${a.flag} is left out because Node ${a.lacking} refuses it; without it, ${a.capability} is denied on Node ${a.needing}`,
    hint: 'narrow the range to releases that all have the flag, or pass --target with the Node that runs the app',
  }),
  TARGET_EOL: (a) => ({
    message: `Node ${a.major} reached end-of-life on ${a.endOfLife}: it gets no more security fixes, Permission Model bypasses included`,
    hint: a.supported.length > 0 ? `move to a supported line (${a.supported.join(', ')})` : 'move to a supported Node line',
  }),
  TYPESCRIPT_TARGET: typeScriptText,
  TARGET_OUTSIDE_ENGINES: (a) => ({
    message: `the target ${a.target} is outside the project's engines.node (${a.engines}): the app or its dependencies may not run there at all, whatever the policy`,
    hint: 'target a Node version engines.node allows, or widen engines.node if the app does run there',
  }),
  ADVISORY_UNFIXED: (a) => {
    const how = a.basis === 'inferred' ? ' (not assessed for this end-of-life line, but the lines before and after it were affected)' : '';
    const fix = a.fixedIn ? `fixed in ${a.fixedIn}` : 'never fixed on this line';
    return {
      message: `${a.id} affects Node ${a.affected}${how}: ${a.summary.replace(/\.$/, '')}; ${fix}`,
      hint: a.upgradeTo ? `upgrade to ${a.upgradeTo} or later` : 'move to a supported Node line',
    };
  },
  WORKER_NOT_CONFINED: (a) => ({
    message:
      'the app starts worker threads (--allow-worker): a worker started with its own execArgv runs without the Permission Model at all' +
      (a.readsCwd ? `, and on Node ${a.readsCwd} every worker can read any file below the working folder without a grant (.env included)` : ''),
    hint: 'start the app from a folder that holds no secrets, and treat code that can start workers as unconfined; see docs/security.md',
  }),
  ADDON_NOT_CONFINED: (a) => ({
    message: `${a.package} loads a native addon here (${a.api}), so the policy allows addons (--allow-addons): an addon's native code reads and writes any file and starts processes with no Permission Model check, so under it the policy is not a boundary`,
    hint: 'keep it only if the app needs this addon; where the package offers a pure-JavaScript build or the app can do without it, drop the dependency or the flag; see docs/security.md',
  }),
  CHILD_NOT_RESTRICTED: (a) => ({ message: `child processes do not inherit the Permission Model on Node ${a.target}; a child runs unrestricted`, hint: 'target Node 22 or 24+, where children inherit the policy' }),
  FOLDER_GRANT: (a) => ({
    message:
      a.rule === 'type-module'
        ? `granted the package folder ${a.path}: "type": "module" is ignored unless the folder holding package.json is readable`
        : a.rule === 'prefix'
          ? `granted the folder ${a.path}: only a prefix of the accessed path is known`
          : `granted the folder ${a.path} as asked`,
  }),
  FS_PATH_NOT_EXPRESSIBLE: (a) => {
    const why =
      a.problem === 'wildcard'
        ? 'Node reads `*` in a grant as a wildcard, so granting it would open every path that starts with the text before the `*`'
        : a.problem === 'nul'
          ? 'it contains a NUL character, which no flag can carry'
          : 'it is not valid Unicode, so it has no exact form in a flag';
    return {
      message: `cannot grant ${a.scope} on ${JSON.stringify(a.path)}: ${why}; not granted`,
      hint: 'rename the file or folder, or grant a wider path knowingly with --read/--write',
    };
  },
  MODEL_APPLIED: (a) => ({
    message: `used the package model ${a.model} for ${a.package}${a.covers > 0 ? `; it stands in for ${a.covers} access(es) in that package the analysis could not resolve` : ''}`,
  }),
  FLOW_LIMIT: (a) => ({
    message: `stopped following values through calls between modules after ${a.replays} replays; accesses in dependencies that depend on their callers' arguments may be missing`,
    hint: 'the app fails closed (ERR_ACCESS_DENIED) where one is missing; add --read/--write for it, and please report the project so the limit can be tuned',
  }),
  MODEL_INVALID: (a) => ({ message: `package model ${a.file} is not valid: ${a.problems.join('; ')}`, hint: 'fix the model (see docs/models.md); it was ignored' }),
  SCRIPT_OTHER_COMMAND: (a) => ({
    message: `script "${a.script}": \`${a.command}\` runs ${a.program}, not node, so it carries no policy and is left as it is`,
    hint: 'a program that starts node itself can be given the policy with `generate-flags exec` or NODE_OPTIONS (docs/adopting.md)',
  }),
  SCRIPT_CODE_NOT_ANALYSED: (a) => {
    const why: Record<DiagnosticArgs['SCRIPT_CODE_NOT_ANALYSED']['reason'], string> = {
      eval: 'it runs code given on the command line',
      stdin: 'it runs code read from standard input',
      repl: 'it starts the REPL',
      test: 'it runs the test runner',
      'no-run': 'it runs no app code',
      'dynamic-entry': 'its entry file is named by a shell expansion',
      'cwd-unknown': 'an earlier `cd` goes to a folder that cannot be known without running the script',
    };
    return { message: `script "${a.script}": \`${a.command}\` was not analysed and is left as it is: ${why[a.reason]}`, hint: 'run the app from a file (node server.js) to give it a policy' };
  },
  SCRIPT_ENV_FILE: (a) => ({
    message: `script "${a.script}": --env-file ${a.file} is read by Node itself and needs no grant; its values are not known to the analysis`,
    hint: 'pass the variables that name paths with --env NAME=VALUE',
  }),
  SCRIPT_PATHS_ABSOLUTE: (a) => {
    const why =
      a.reason === 'child-process'
        ? 'the app starts child processes, which inherit the flags and would resolve relative paths against their own folder'
        : a.reason === 'cwd-unknown'
          ? 'the folder the command runs in is not known'
          : 'they are outside the package';
    return {
      message: `script "${a.script}": \`${a.command}\` names ${a.paths.length} path(s) absolutely (${a.paths.join(', ')}) because ${why}; the script only works where those paths exist`,
      hint: 'regenerate the script on each machine, or use `generate-flags exec` as the start script',
    };
  },
  CODE_GENERATED: (a) => {
    if (a.from === 'program') {
      return {
        message: `${a.api}() runs code this package builds from its own strings at run time (a code generator); it is not analysed, and no fallback is applied`,
        hint: 'if the generated code reads, writes, loads or starts anything, add --read/--write for it',
      };
    }
    return {
      message: `${a.api}() runs code made at run time that cannot be read statically: ${reasonText[a.reason]}${a.name ? ` (${a.name})` : ''}; what that code accesses is not known; ${fallbackText(a.fallback, a.byEntry)}`,
      hint: 'the generated code is not analysed: it may read, write, load or start anything the policy allows. Make the code a literal, or move it into a file the app loads, or add --read/--write for what it uses',
    };
  },
  MODULE_LOADER_ESCAPED: (a) => {
    const how = { argument: 'is passed to a function the analyser does not follow', stored: 'is stored where the analyser does not follow it', returned: 'is returned to callers the analyser does not follow', 'unknown-base': 'is made for a location that cannot be resolved statically' }[a.how];
    return {
      message: `${a.api} ${how}${a.how === 'unknown-base' ? `: ${reasonText[a.reason]}${a.name ? ` (${a.name})` : ''}` : ''}; the modules loaded through it are not known; ${fallbackText(a.fallback, a.byEntry)}`,
      hint: 'pass each module loaded that way as an extra entry, or add --read PATH; calling require directly with the name lets the analysis follow it',
    };
  },
  TARGET_RANGE_NARROWED: (a) => ({
    message:
      a.reason === 'split-fs-flags'
        ? `engines.node '${a.engines}' allows Node ${a.left.join(', ')}, which split --allow-fs-* values on commas and keep only the last flag of each; these flags are for ${a.covers.join(', ')} (this Node, ${a.running}, is outside engines.node)`
        : `engines.node '${a.engines}' allows Node ${a.left.join(', ')}, which know only --experimental-permission, and Node ${a.covers.join(', ')}, which take --permission; no one flag line works on both, so these flags are for ${a.covers.join(', ')} (this Node, ${a.running}, is outside engines.node)`,
    hint: 'start the app with `generate-flags exec -- ENTRY`, which spells the policy for the Node that starts it, or pass --target with the Node that runs the app',
  }),
  ENTRY_MISSING: (a) => ({ message: `entry ${a.entry} does not exist`, hint: 'pass an existing file, or fix package.json main/bin/exports' }),
  FS_WRITE_COVERS_CODE: (a) => {
    const what = {
      git: `the git repository (${a.path}), whose hooks run at the next commit`,
      'package-json': `${a.path}, whose scripts and dependencies the next install and start use`,
      lockfile: `the lockfile ${a.path}, which says what the next install fetches`,
      node_modules: `the dependencies (${a.path})`,
      module: `${a.path}, a module the app loads`,
    }[a.covers];
    const more = a.modules > 0 && a.covers !== 'module' ? ` (and ${a.modules} module(s) the app loads)` : a.modules > 1 ? ` (and ${a.modules - 1} more it loads)` : '';
    const by = a.from === 'option' ? 'the --write option' : a.from === 'fallback' ? 'the unresolved-write fallback (--unresolved project)' : 'this call';
    return {
      message: `write grant ${a.grant}, asked for by ${by}, covers ${what}${more}: code that runs later can be replaced`,
      hint: a.from === 'option' ? 'pass a narrower --write (the files or the folder the app writes, away from its code)' : 'write to a folder of its own (path.join(__dirname, \'data\', name)) rather than beside the code, or accept the warning',
    };
  },
  POLICY_WRITE_TOO_BROAD: (a) => {
    const opens = { everything: 'every path', 'disk-root': 'the whole disk', home: 'the home folder', 'project-root': 'the project root, so the app can replace its own code' }[a.opens];
    return {
      message: `${a.source} grants write on ${opens} (${a.flag})`,
      hint: 'grant write only on the files and folders the app writes (--write PATH), never the project, the home folder or the disk',
    };
  },
  POLICY_VOIDS_MODEL: (a) => ({
    message: `${a.source} allows ${a.capability === 'addons' ? 'native addons' : 'child processes'} (${a.flag}), which ${a.capability === 'addons' ? 'run native code with no checks' : 'the Permission Model does not fully restrict'}: under it the policy is not a boundary`,
    hint: 'keep it only if the app needs it; see docs/security.md',
  }),
  FS_READ_COVERS_SECRETS: (a) => ({
    message: a.through
      ? `read grant ${a.grant}, asked for by ${askedByText(a.from, 'read')}, also opens ${a.secrets.join(', ')} through the link ${a.through}: Node checks the path as given, never the link's target`
      : `read grant ${a.grant}, asked for by ${askedByText(a.from, 'read')}, also opens ${a.secrets.join(', ')} in ${a.folder ?? 'the project root'}: Node cannot grant a folder without everything in it`,
    hint: a.through
      ? 'point the link at a file or folder without secrets, or read its target by its real path'
      : a.from === 'option'
        ? 'pass a narrower --read'
        : a.from === 'type-module'
          ? 'use import/export syntax or .mjs files (then Node needs no "type" and the folder is not granted), or keep the secrets outside the package'
          : 'read a folder of its own (path.join(__dirname, \'public\')) rather than the project root, or keep the secrets outside the project',
  }),
  FS_WRITE_COVERS_SECRETS: (a) => ({
    message: a.through
      ? `write grant ${a.grant}, asked for by ${askedByText(a.from, 'write')}, also opens ${a.secrets.join(', ')} through the link ${a.through}: Node checks the path as given, never the link's target`
      : `write grant ${a.grant}, asked for by ${askedByText(a.from, 'write')}, also opens ${a.secrets.join(', ')} in ${a.folder ?? 'the project root'} to be replaced or added to: Node cannot grant a folder without everything in it`,
    hint: a.through
      ? 'point the link at a file or folder without secrets, or write its target by its real path'
      : a.from === 'option'
        ? 'pass a narrower --write'
        : 'write to a folder of its own that holds no credentials (path.join(__dirname, \'data\', name)), or keep the secrets elsewhere',
  }),
  GRANT_NAME_PREFIX: (a) => {
    if (a.kept) {
      return {
        message:
          `Node denies the folder ${a.path} itself (not what is inside it) because another ${a.scope} grant extends its name ` +
          `(${a.siblings.join(', ')}); ${a.path}* would also reach past the project root or home, so it is not granted instead`,
        hint: 'rename the folder or its siblings so that no name extends another',
      };
    }
    return {
      message:
        `granted ${a.scope} on every path that starts with ${a.path} (${a.path}*): Node denies the folder ${a.path} itself ` +
        `when another grant extends its name (${a.siblings.join(', ')})`,
      hint: 'rename the folder or its siblings so that no name extends another, or accept the wider grant',
    };
  },
  CAPABILITY_NOT_GRANTED: (a) => ({
    message: `${a.api} needs ${a.flag}, which generate-flags does not grant: the app is denied it (ERR_ACCESS_DENIED) under the generated policy`,
    hint: `add ${a.flag} to the flags yourself if the app must load native libraries this way`,
  }),
  FS_NOT_CHECKED: (a) => ({
    message: `${a.api} opens ${a.path} without a Permission Model check on the measured releases: it is granted, but the app could open any file this way`,
    hint: 'make sure the file name cannot come from untrusted input; the grant keeps the policy right on releases that check it',
  }),
  API_ALWAYS_DENIED: (a) => ({
    message: `${a.api} is denied by the Permission Model whatever is granted${a.on ? ` (Node ${a.on})` : ''}: ${deniedOutcome(a)}`,
    hint: deniedHints[a.workaround],
  }),
  FILE_TOO_DEEP: (a) => {
    const what = { parser: 'syntax nested too deeply to parse', analysis: 'syntax nested too deeply to follow' }[a.stage];
    return {
      message: `not analysed: ${a.path} has ${what}; it is granted as loaded code, but what it accesses and loads is not in the policy`,
      hint: 'generated code is usually the cause: add --read/--write for what it uses, or point the analysis at the source it was generated from',
    };
  },
  PACKAGE_TARGET_INVALID: (a) => {
    const why = {
      'not-relative': ['the target does not start with "./"', 'ERR_INVALID_PACKAGE_TARGET'],
      segment: 'the target has a ".", ".." or "node_modules" segment',
      subpath: ['the part the "*" pattern matched has a ".", ".." or "node_modules" segment', 'ERR_INVALID_MODULE_SPECIFIER'],
      'import-name': ['the target is another "#" name, which Node looks up as a package of that name', 'ERR_MODULE_NOT_FOUND'],
      'too-deep': [`its conditions are nested too deeply to follow`, 'a stack overflow'],
    }[a.problem];
    const [reason, error] = typeof why === 'string' ? [why, 'ERR_INVALID_PACKAGE_TARGET'] : why;
    return {
      message: `cannot resolve '${a.specifier}': the "${a.field}" of ${a.packageJson} maps ${a.key} to a target Node refuses (${reason}); Node fails with ${error}, so nothing is granted for it`,
      hint: a.packageJson.includes('node_modules') ? 'the package is broken for this use: update it or load another entry of it' : `fix "${a.field}" in ${a.packageJson}: targets are paths inside the package that start with "./"`,
    };
  },
  CAPABILITY_ESCAPED: (a) => {
    const fallback = a.module !== 'fs' ? '; not granted' : a.fallback === 'project' ? `; ${fallbackText(a.fallback, a.byEntry)}` : a.fallback === 'error' ? '' : '; not granted';
    return {
      message: `${a.api}(): a call on ${a.module} (or a copy of it) with a method the analysis cannot name (a key known only at run time, or one a wrapper added): it could be any ${a.module} call${fallback}`,
      hint: a.module === 'fs' ? 'add --read/--write PATH for the paths it uses at run time, or call the fs method by name' : `call the ${a.module} method by name, or grant its capability with the matching --allow flag knowingly`,
    };
  },
  POLICY_READ_TOO_BROAD: (a) => {
    const opens = { everything: 'every path', 'disk-root': 'the whole disk', home: 'the home folder' }[a.opens];
    return {
      message: `${a.source} grants read on ${opens} (${a.flag}): the app can read the user's secrets (~/.ssh, ~/.npmrc, other projects' .env)`,
      hint: 'grant read only on the files and folders the app reads (--read PATH), never the home folder or the disk',
    };
  },
  UNRESOLVED_FALLBACK_REFUSED: (a) => ({
    message: `the project root ${a.root} is ${a.opens === 'home' ? 'the home folder (or a folder above it)' : 'the disk root'}: the project fallback for unresolved ${a.scopes.join(' and ')} accesses would open ${a.opens === 'home' ? "every file of the user's" : 'the whole disk'}, so it grants nothing (as --unresolved warn)`,
    hint: 'keep the app in a folder of its own (with its package.json), or grant what the unresolved accesses need with --read/--write',
  }),
  FOLDER_GRANT_LINKS_OUT: (a) => ({
    message: `${a.scope} grant ${a.grant}, asked for by ${askedByText(a.from, a.scope)}, also opens ${a.target} through the link ${a.link}: Node checks the path as given, not the link's target`,
    hint: 'remove the link from the folder, or grant a folder without links out of it',
  }),
  CALL_NOT_FOLLOWED: (a) => ({
    message: `the call of ${a.name ? `${a.name} of ` : ''}${a.specifier} is not followed: ${callBoundText(a.bound, a.limit)}, and what the code there does is not seen; ${fallbackText(a.fallback, a.byEntry)}`,
    hint: 'grant what the call needs with --read/--write (the app fails closed with ERR_ACCESS_DENIED where it is missing), and please report the project so the bound can be tuned',
  }),
  CONFIG_OUTSIDE_PROJECT: (a) => ({
    message: `${a.package} looks for its config in the folders above the project, and ${a.file} is there (${a.folder === 'above-project' ? 'in a folder that holds the project, such as a workspace root' : a.folder === 'home' ? 'in the home folder or above it, shared by every project of the user' : 'in the disk root'}): it is granted read${/\.[cm]?[jt]s$/.test(a.file) ? ', and run as code, so it was analysed with the app' : ''}`,
    hint: a.folder === 'above-project' ? 'nothing to do in a monorepo; otherwise move the config into the project (the tool stops at the first it finds)' : 'move the config into the project, so the app does not depend on a file outside it',
  }),
  EXPORTS_ESCAPED: (a) => {
    const what = a.path === '' ? `the module '${a.specifier}'` : `the export ${a.path} of '${a.specifier}'`;
    const granted = a.byEntry ? `the project root's entries are granted one by one (${a.scopes.join(', ')}) as fallback (${byEntryText})` : `the project root is granted (${a.scopes.join(', ')}) as fallback`;
    const fallback = a.fallback === 'project' ? `; ${granted}` : a.fallback === 'error' ? '' : '; not granted';
    return {
      message: `${what} ${escapeWords[a.how]}: the analysis cannot tell which of its functions run or with what, and ${a.functions} of them ${a.functions === 1 ? 'uses a parameter' : 'use parameters'} as a path or module (${a.scopes.join(', ')})${fallback}`,
      hint: 'call the function by name with the path (dep.read(file)), or add --read/--write PATH for the paths it uses at run time',
    };
  },
  FALLBACK_ROOT_ENTRIES: (a) => {
    const named = a.withheld.length > 6 ? `${a.withheld.slice(0, 6).join(', ')} and ${a.withheld.length - 6} more` : a.withheld.join(', ');
    const made = a.created.length > 0 ? `of the entries not on disk, only ${a.created.join(', ')} (made by a write the analysis follows) ${a.created.length === 1 ? 'is' : 'are'} covered` : 'no entry that is not on disk is covered';
    return {
      message: `the project fallback for unresolved ${a.scope}s granted the entries of the project root ${a.root} one by one (${a.grants} grant${a.grants === 1 ? '' : 's'}), not the root, since it holds ${named}: ${made}, so an unresolved ${a.scope} of a file or folder the app makes in the root at run time under another name is denied`,
      hint: `grant a folder the app makes with --${a.scope} NAME/ (a trailing / grants it before it exists), or make it before the app starts; or keep the secrets outside the project`,
    };
  },
  CAPABILITY_FUNCTION_ESCAPED: (a) => ({
    message: `${a.api} is ${a.how === 'stored' ? 'kept in an object' : 'handed to a function'} here as a value: whoever holds it may call it where the analysis does not follow, ${a.module === 'fs' ? 'with any path (an unresolved access at this site)' : 'so child_process is not granted for it'}`,
    hint: a.module === 'fs' ? `call ${a.api} by name with the path, or add --read/--write PATH for the paths it is called with` : `call ${a.api} by name, or grant --allow-child-process knowingly if the app needs it`,
  }),
  FS_GRANT_IN_HOME: (a) => ({
    message: `${a.scope} grant ${a.grant}, asked for by this call, lies in the home folder of the user who ran the analysis (${a.home}): the policy holds only where the app runs as that user${a.secret ? `, and ${a.secret} holds credentials, which the app can ${a.scope} now` : ''}`,
    hint: a.secret
      ? 'make sure the app needs this file (a tool reading the user\'s config does); generate the policy as the user the app runs as, or pass the file with --read/--write on that machine'
      : 'generate the policy as the user the app runs as (on the machine it runs on), or keep the file in the project',
  }),
};

const escapeWords: Record<EscapeHow, string> = {
  argument: 'is handed to another function here',
  'computed-member': 'is called or read here through a member named only at run time',
  stored: 'is stored here where the analysis does not follow it',
  returned: 'is returned here to callers the analysis does not follow',
  iterated: 'is iterated or spread here',
  'indirect-call': 'is called here through call, apply or bind',
  'dynamic-import': 'is loaded here with import() and used as a value',
  'unfolded-call': 'is called here, but the analysis could not fold the callee to it',
};

/** Who asked for a grant, in words. */
function askedByText(from: GrantAskedBy, scope: 'read' | 'write'): string {
  return from === 'option' ? `the --${scope} option` : from === 'type-module' ? 'Node\'s "type": "module" rule (the package folder must be readable)' : 'this call';
}

/** Message and hint for a diagnostic. */
export function formatDiagnostic(d: Diagnostic): DiagnosticText {
  return formatWith(d.code, d.args);
}

function formatWith<C extends DiagnosticCode>(code: C, args: DiagnosticArgs[C]): DiagnosticText {
  return formatters[code](args);
}

/** Message and hint of TYPESCRIPT_TARGET: what the target cannot run as written, and what to do. */
function typeScriptText(a: DiagnosticArgs['TYPESCRIPT_TARGET']): { message: string; hint: string } {
  const on = a.releases ? ` (Node ${a.releases})` : '';
  switch (a.problem) {
    case 'no-type-stripping':
      return { message: `the target cannot run TypeScript sources${on}`, hint: 'target Node 22.18+ (or 22.6+ with --experimental-strip-types), or start the app with a loader such as node --import tsx' };
    case 'strip-flag':
      return { message: `the target runs TypeScript only with ${a.flag}${on}`, hint: `add ${a.flag} to the node command, or target Node 22.18+` };
    case 'transform-flag':
      return { message: `${a.syntax ?? 'this syntax'} cannot just be erased: the target runs it only with ${a.flag}${on}`, hint: `add ${a.flag} to the node command, or write erasable TypeScript (a const object instead of an enum)` };
    case 'no-transform':
      return { message: `${a.syntax ?? 'this syntax'} cannot just be erased, and the target has no transform mode${on}`, hint: 'write erasable TypeScript (a const object instead of an enum), or start the app with a loader such as node --import tsx' };
    case 'node-modules':
      return { message: 'Node does not strip types of files under node_modules: loading this file fails', hint: "use the package's JavaScript build, or start the app with a loader such as node --import tsx" };
  }
}
