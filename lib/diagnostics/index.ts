// Diagnostic codes, their typed arguments, and the one formatter that turns them into text.
// Tests assert codes, args and sites, never wording; docs/diagnostics.md has one heading per
// code, and a test keeps that list and this union in step. A released code is never reused.

import type { BroadPrefix, Severity, Site, UnknownReason, UnresolvedMode } from '../types.js';
import type { TypeScriptProblem } from '../node-versions/typescript.js';

export type DiagnosticArgs = {
  PARSE_FAILED: { message: string };
  FILE_UNREADABLE: { path: string; error: string };
  /** `capabilities`: what the built-ins its text names gate (a cheap pass over the text), when any. */
  FILE_TOO_LARGE: { path: string; size: number; limit: number; capabilities?: string[] };
  FILE_NOT_TEXT: { path: string };
  TIME_BUDGET_EXCEEDED: { budgetMs: number; analysed: number; skipped: number; callsCut: boolean };
  IMPORT_UNRESOLVED: { specifier: string; optional?: 'try' | 'optional-dependency' };
  IMPORT_DYNAMIC: { api: string; reason: UnknownReason; name?: string; fallback?: UnresolvedMode };
  FS_PATH_UNKNOWN: {
    api: string;
    scope: 'read' | 'write';
    reason: UnknownReason;
    name?: string;
    prefix?: string;
    /** The prefix was known but granting it would open this (lib/detect/prefix.ts). */
    broad?: BroadPrefix;
    fallback: UnresolvedMode;
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
  CODE_GENERATED: { api: string; reason: UnknownReason; name?: string; from: 'input' | 'program'; fallback: UnresolvedMode };
  MODULE_LOADER_ESCAPED: { api: string; how: 'argument' | 'stored' | 'returned' | 'unknown-base'; reason: UnknownReason; name?: string; fallback: UnresolvedMode };
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
  FS_READ_COVERS_SECRETS: { grant: string; secrets: string[]; from: 'code' | 'option' };
  GRANT_NAME_PREFIX: { path: string; scope: 'read' | 'write'; siblings: string[]; kept?: boolean };
  /** --allow-worker is granted: what a worker can do beyond the policy (`readsCwd`: the releases where any worker reads below the working folder). */
  WORKER_NOT_CONFINED: { readsCwd?: string };
  TARGET_RANGE_NARROWED: { engines: string; covers: string[]; left: string[]; running: string; reason?: 'split-fs-flags' };
  FILE_TOO_DEEP: { path: string; stage: 'parser' | 'analysis' };
  /** `packageJson` project-relative; `key` the subpath or `#` name looked up; `problem`: see lib/project/package-target.ts. */
  PACKAGE_TARGET_INVALID: { specifier: string; field: 'exports' | 'imports'; key: string; problem: 'not-relative' | 'segment' | 'subpath' | 'import-name' | 'too-deep'; packageJson: string };
  /** `on`: the target's releases that deny it (filled by analyze(); empty as the detector reports it). */
  API_ALWAYS_DENIED: { api: string; on: string; workaround: DeniedWorkaround };
  FS_NOT_CHECKED: { api: string; path: string };
  CAPABILITY_NOT_GRANTED: { api: string; flag: string };
  CAPABILITY_ESCAPED: { module: string; api: string; fallback: UnresolvedMode };
};

/** What to do instead of an API the Permission Model always denies: the hint of API_ALWAYS_DENIED. */
export type DeniedWorkaround = 'skip-fsync' | 'path-variant' | 'public-api';

const deniedHints: Record<DeniedWorkaround, string> = {
  'skip-fsync':
    'no grant makes it work: turn the fsync off where the library allows it (write-file-atomic `fsync: false`), write without it (a plain writeFile, or a rename of a temp file), or run this app without the Permission Model',
  'path-variant': 'call the path-based variant instead (chmod, chown, utimes on the file name), which the write grant allows',
  'public-api': 'use the public module (require(\'node:fs\') and the like) instead of the internal binding',
};

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
};

/** What the fallback did with an access that may read anything. */
function fallbackText(fallback: UnresolvedMode): string {
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

function fallback(mode: UnresolvedMode): string {
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

/** Message and hint for a diagnostic. Exhaustive: a code without a case fails the build. */
export function formatDiagnostic(d: Diagnostic): { message: string; hint?: string } {
  switch (d.code) {
    case 'PARSE_FAILED':
      return { message: `cannot parse: ${d.args.message}`, hint: 'the rest of the project was still analysed; fix the syntax error or exclude the file' };
    case 'FILE_UNREADABLE':
      return { message: `cannot read ${d.args.path}: ${d.args.error}`, hint: 'check the file exists and is readable' };
    case 'FILE_TOO_LARGE':
      return {
        message: `not analysed: ${d.args.path} is ${formatBytes(d.args.size)}, over the ${formatBytes(d.args.limit)} limit; it is granted as loaded code and the modules its text names are followed, but what it accesses is not in the policy${d.args.capabilities?.length ? ` (its text loads modules that use: ${d.args.capabilities.join(', ')})` : ''}`,
        hint: `raise the limit with --max-file-size ${formatBytes(Math.max(d.args.size, d.args.limit * 2)).replace(' ', '')}, or add --read/--write for what it uses`,
      };
    case 'FILE_NOT_TEXT':
      return { message: `${d.args.path} is not JavaScript text (binary content); not analysed`, hint: 'the app fails when it loads this file; check that it is the file meant to be loaded' };
    case 'TIME_BUDGET_EXCEEDED':
      return {
        message: `the ${d.args.budgetMs / 1000} s time budget ran out after ${d.args.analysed} files: ${d.args.skipped} loaded files were granted but not analysed${d.args.callsCut ? ', and calls between files were not followed' : ''}; the policy may miss what they access and the code they load`,
        hint: 'raise --time-budget, or run without it',
      };
    case 'IMPORT_UNRESOLVED':
      if (d.args.optional === 'try') {
        return { message: `cannot resolve module '${d.args.specifier}', loaded inside a try whose catch handles its absence`, hint: `nothing to do unless the app needs '${d.args.specifier}'; then install it so its code is analysed` };
      }
      if (d.args.optional === 'optional-dependency') {
        return { message: `cannot resolve module '${d.args.specifier}', an optional dependency (installed only where its platform matches)`, hint: `generate on the platform that runs the app if it uses '${d.args.specifier}' there` };
      }
      return { message: `cannot resolve module '${d.args.specifier}'`, hint: missingModuleHint(d.args.specifier) };
    case 'IMPORT_DYNAMIC':
      return {
        message: `${d.args.api}() with a module name that cannot be resolved statically: ${reasonText[d.args.reason]}${d.args.name ? ` (${d.args.name})` : ''}${
          d.args.fallback === 'project' ? '; the project root is readable as fallback' : d.args.fallback === 'error' ? '' : '; not granted'
        }`,
        hint: 'the loaded module is not analysed; pass it as an extra entry or add --read PATH',
      };
    case 'FS_PATH_UNKNOWN': {
      const a = d.args;
      const what = a.prefix ? `a path under ${a.prefix}` : 'a path';
      if (a.prefix && a.broad) {
        const opens = broadPrefixText(a.broad);
        return {
          message: `${a.api} ${a.scope}s a path that starts with ${a.prefix} and continues with a value that cannot be resolved (${reasonText[a.reason]}${a.name ? `, ${a.name}` : ''}); granting ${a.prefix}* would open ${opens}; ${fallback(a.fallback)}`,
          hint: `make the path start with a folder of its own (path.join(dir, 'sub', name)), or grant what it needs with --${a.scope} PATH`,
        };
      }
      return {
        message: `${a.api} ${a.scope}s ${what} that cannot be resolved: ${reasonText[a.reason]}${a.name ? ` (${a.name})` : ''}; ${fallback(a.fallback)}`,
        hint: reasonHint(a.reason, a.name, a.scope, a.fallback, a.prefix),
      };
    }
    case 'FS_NEEDS_ANCESTOR_READ':
      return {
        message: `${d.args.api} needs read access on every folder above ${d.args.path}, which in practice means --allow-fs-read=/ (not granted)`,
        hint: 'use the synchronous variant (realpathSync, cpSync), or add --read / if you accept that',
      };
    case 'FS_SYMLINK_NEEDS_FULL':
      return {
        message: `${d.args.api} requires unrestricted read and write access under the Permission Model (not granted)`,
        hint: 'avoid creating symlinks at run time, or add --read "*" --write "*" knowingly',
      };
    case 'FS_API_DISABLED':
      return { message: `${d.args.api} always fails while the Permission Model is on`, hint: 'use the path-based variant (chmod, chown, utimes)' };
    case 'FS_GLOB_EMPTY':
      return { message: `${d.args.api} is not checked by the Permission Model and may return no matches under it`, hint: 'list the folder with readdir instead' };
    case 'CAPABILITY_UNAVAILABLE':
      return { message: `${d.args.capability} cannot be allowed under the Permission Model on Node ${d.args.target}`, hint: 'target a Node version that has the flag, or do not use the Permission Model for this app' };
    case 'CAPABILITY_NOT_GATED':
      return {
        message: `${d.args.capability} is not restricted by the Permission Model on Node ${d.args.target}`,
        hint: `the policy cannot limit it there; ${d.args.capability === 'net' ? 'Node 25+ gates network with --allow-net' : `later releases restrict it with --allow-${d.args.capability}`}`,
      };
    case 'TARGET_FLAG_OMITTED':
      return {
        message: `${d.args.flag} is left out because Node ${d.args.lacking} refuses it; without it, ${d.args.capability} is denied on Node ${d.args.needing}`,
        hint: 'narrow the range to releases that all have the flag, or pass --target with the Node that runs the app',
      };
    case 'TARGET_EOL':
      return {
        message: `Node ${d.args.major} reached end-of-life on ${d.args.endOfLife}: it gets no more security fixes, Permission Model bypasses included`,
        hint: d.args.supported.length > 0 ? `move to a supported line (${d.args.supported.join(', ')})` : 'move to a supported Node line',
      };
    case 'TYPESCRIPT_TARGET':
      return typeScriptText(d.args);
    case 'TARGET_OUTSIDE_ENGINES':
      return {
        message: `the target ${d.args.target} is outside the project's engines.node (${d.args.engines}): the app or its dependencies may not run there at all, whatever the policy`,
        hint: 'target a Node version engines.node allows, or widen engines.node if the app does run there',
      };
    case 'ADVISORY_UNFIXED': {
      const a = d.args;
      const how = a.basis === 'inferred' ? ' (not assessed for this end-of-life line, but the lines before and after it were affected)' : '';
      const fix = a.fixedIn ? `fixed in ${a.fixedIn}` : 'never fixed on this line';
      return {
        message: `${a.id} affects Node ${a.affected}${how}: ${a.summary.replace(/\.$/, '')}; ${fix}`,
        hint: a.upgradeTo ? `upgrade to ${a.upgradeTo} or later` : 'move to a supported Node line',
      };
    }

    case 'WORKER_NOT_CONFINED':
      return {
        message:
          'the app starts worker threads (--allow-worker): a worker started with its own execArgv runs without the Permission Model at all' +
          (d.args.readsCwd ? `, and on Node ${d.args.readsCwd} every worker can read any file below the working folder without a grant (.env included)` : ''),
        hint: 'start the app from a folder that holds no secrets, and treat code that can start workers as unconfined; see docs/security.md',
      };
    case 'CHILD_NOT_RESTRICTED':
      return { message: `child processes do not inherit the Permission Model on Node ${d.args.target}; a child runs unrestricted`, hint: 'target Node 22 or 24+, where children inherit the policy' };
    case 'FOLDER_GRANT':
      return {
        message:
          d.args.rule === 'type-module'
            ? `granted the package folder ${d.args.path}: "type": "module" is ignored unless the folder holding package.json is readable`
            : d.args.rule === 'prefix'
              ? `granted the folder ${d.args.path}: only a prefix of the accessed path is known`
              : `granted the folder ${d.args.path} as asked`,
      };
    case 'FS_PATH_NOT_EXPRESSIBLE': {
      const why =
        d.args.problem === 'wildcard'
          ? 'Node reads `*` in a grant as a wildcard, so granting it would open every path that starts with the text before the `*`'
          : d.args.problem === 'nul'
            ? 'it contains a NUL character, which no flag can carry'
            : 'it is not valid Unicode, so it has no exact form in a flag';
      return {
        message: `cannot grant ${d.args.scope} on ${JSON.stringify(d.args.path)}: ${why}; not granted`,
        hint: 'rename the file or folder, or grant a wider path knowingly with --read/--write',
      };
    }
    case 'MODEL_APPLIED':
      return {
        message: `used the package model ${d.args.model} for ${d.args.package}${d.args.covers > 0 ? `; it stands in for ${d.args.covers} access(es) in that package the analysis could not resolve` : ''}`,
      };
    case 'FLOW_LIMIT':
      return {
        message: `stopped following values through calls between modules after ${d.args.replays} replays; accesses in dependencies that depend on their callers' arguments may be missing`,
        hint: 'the app fails closed (ERR_ACCESS_DENIED) where one is missing; add --read/--write for it, and please report the project so the limit can be tuned',
      };
    case 'MODEL_INVALID':
      return { message: `package model ${d.args.file} is not valid: ${d.args.problems.join('; ')}`, hint: 'fix the model (see docs/models.md); it was ignored' };
    case 'SCRIPT_OTHER_COMMAND':
      return {
        message: `script "${d.args.script}": \`${d.args.command}\` runs ${d.args.program}, not node, so it carries no policy and is left as it is`,
        hint: 'a program that starts node itself can be given the policy with `generate-flags exec` or NODE_OPTIONS (docs/adopting.md)',
      };
    case 'SCRIPT_CODE_NOT_ANALYSED': {
      const why: Record<DiagnosticArgs['SCRIPT_CODE_NOT_ANALYSED']['reason'], string> = {
        eval: 'it runs code given on the command line',
        stdin: 'it runs code read from standard input',
        repl: 'it starts the REPL',
        test: 'it runs the test runner',
        'no-run': 'it runs no app code',
        'dynamic-entry': 'its entry file is named by a shell expansion',
        'cwd-unknown': 'an earlier `cd` goes to a folder that cannot be known without running the script',
      };
      return { message: `script "${d.args.script}": \`${d.args.command}\` was not analysed and is left as it is: ${why[d.args.reason]}`, hint: 'run the app from a file (node server.js) to give it a policy' };
    }
    case 'SCRIPT_ENV_FILE':
      return {
        message: `script "${d.args.script}": --env-file ${d.args.file} is read by Node itself and needs no grant; its values are not known to the analysis`,
        hint: 'pass the variables that name paths with --env NAME=VALUE',
      };
    case 'SCRIPT_PATHS_ABSOLUTE': {
      const why =
        d.args.reason === 'child-process'
          ? 'the app starts child processes, which inherit the flags and would resolve relative paths against their own folder'
          : d.args.reason === 'cwd-unknown'
            ? 'the folder the command runs in is not known'
            : 'they are outside the package';
      return {
        message: `script "${d.args.script}": \`${d.args.command}\` names ${d.args.paths.length} path(s) absolutely (${d.args.paths.join(', ')}) because ${why}; the script only works where those paths exist`,
        hint: 'regenerate the script on each machine, or use `generate-flags exec` as the start script',
      };
    }
    case 'CODE_GENERATED':
      if (d.args.from === 'program') {
        return {
          message: `${d.args.api}() runs code this package builds from its own strings at run time (a code generator); it is not analysed, and no fallback is applied`,
          hint: 'if the generated code reads, writes, loads or starts anything, add --read/--write for it',
        };
      }
      return {
        message: `${d.args.api}() runs code made at run time that cannot be read statically: ${reasonText[d.args.reason]}${d.args.name ? ` (${d.args.name})` : ''}; what that code accesses is not known; ${fallbackText(d.args.fallback)}`,
        hint: 'the generated code is not analysed: it may read, write, load or start anything the policy allows. Make the code a literal, or move it into a file the app loads, or add --read/--write for what it uses',
      };
    case 'MODULE_LOADER_ESCAPED': {
      const how = { argument: 'is passed to a function the analyser does not follow', stored: 'is stored where the analyser does not follow it', returned: 'is returned to callers the analyser does not follow', 'unknown-base': 'is made for a location that cannot be resolved statically' }[d.args.how];
      return {
        message: `${d.args.api} ${how}${d.args.how === 'unknown-base' ? `: ${reasonText[d.args.reason]}${d.args.name ? ` (${d.args.name})` : ''}` : ''}; the modules loaded through it are not known; ${fallbackText(d.args.fallback)}`,
        hint: 'pass each module loaded that way as an extra entry, or add --read PATH; calling require directly with the name lets the analysis follow it',
      };
    }
    case 'TARGET_RANGE_NARROWED':
      return {
        message:
          d.args.reason === 'split-fs-flags'
            ? `engines.node '${d.args.engines}' allows Node ${d.args.left.join(', ')}, which split --allow-fs-* values on commas and keep only the last flag of each; these flags are for ${d.args.covers.join(', ')} (this Node, ${d.args.running}, is outside engines.node)`
            : `engines.node '${d.args.engines}' allows Node ${d.args.left.join(', ')}, which know only --experimental-permission, and Node ${d.args.covers.join(', ')}, which take --permission; no one flag line works on both, so these flags are for ${d.args.covers.join(', ')} (this Node, ${d.args.running}, is outside engines.node)`,
        hint: 'start the app with `generate-flags exec -- ENTRY`, which spells the policy for the Node that starts it, or pass --target with the Node that runs the app',
      };
    case 'ENTRY_MISSING':
      return { message: `entry ${d.args.entry} does not exist`, hint: 'pass an existing file, or fix package.json main/bin/exports' };
    case 'FS_WRITE_COVERS_CODE': {
      const a = d.args;
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
    }
    case 'POLICY_WRITE_TOO_BROAD': {
      const opens = { everything: 'every path', 'disk-root': 'the whole disk', home: 'the home folder', 'project-root': 'the project root, so the app can replace its own code' }[d.args.opens];
      return {
        message: `${d.args.source} grants write on ${opens} (${d.args.flag})`,
        hint: 'grant write only on the files and folders the app writes (--write PATH), never the project, the home folder or the disk',
      };
    }
    case 'POLICY_VOIDS_MODEL':
      return {
        message: `${d.args.source} allows ${d.args.capability === 'addons' ? 'native addons' : 'child processes'} (${d.args.flag}), which ${d.args.capability === 'addons' ? 'run native code with no checks' : 'the Permission Model does not fully restrict'}: under it the policy is not a boundary`,
        hint: 'keep it only if the app needs it; see docs/security.md',
      };
    case 'FS_READ_COVERS_SECRETS':
      return {
        message: `read grant ${d.args.grant}, asked for by ${d.args.from === 'option' ? 'the --read option' : 'this call'}, also opens ${d.args.secrets.join(', ')} in the project root: Node cannot grant a folder without everything in it`,
        hint: d.args.from === 'option' ? 'pass a narrower --read' : 'read a folder of its own (path.join(__dirname, \'public\')) rather than the project root, or keep the secrets outside the project',
      };
    case 'GRANT_NAME_PREFIX':
      if (d.args.kept) {
        return {
          message:
            `Node denies the folder ${d.args.path} itself (not what is inside it) because another ${d.args.scope} grant extends its name ` +
            `(${d.args.siblings.join(', ')}); ${d.args.path}* would also reach past the project root or home, so it is not granted instead`,
          hint: 'rename the folder or its siblings so that no name extends another',
        };
      }
      return {
        message:
          `granted ${d.args.scope} on every path that starts with ${d.args.path} (${d.args.path}*): Node denies the folder ${d.args.path} itself ` +
          `when another grant extends its name (${d.args.siblings.join(', ')})`,
        hint: 'rename the folder or its siblings so that no name extends another, or accept the wider grant',
      };
    case 'CAPABILITY_NOT_GRANTED':
      return {
        message: `${d.args.api} needs ${d.args.flag}, which generate-flags does not grant: the app is denied it (ERR_ACCESS_DENIED) under the generated policy`,
        hint: `add ${d.args.flag} to the flags yourself if the app must load native libraries this way`,
      };
    case 'FS_NOT_CHECKED':
      return {
        message: `${d.args.api} opens ${d.args.path} without a Permission Model check on the measured releases: it is granted, but the app could open any file this way`,
        hint: 'make sure the file name cannot come from untrusted input; the grant keeps the policy right on releases that check it',
      };
    case 'API_ALWAYS_DENIED':
      return {
        message: `${d.args.api} is denied by the Permission Model whatever is granted${d.args.on ? ` (Node ${d.args.on})` : ''}: the app fails with ERR_ACCESS_DENIED here under any policy`,
        hint: deniedHints[d.args.workaround],
      };
    case 'FILE_TOO_DEEP': {
      const what = { parser: 'syntax nested too deeply to parse', analysis: 'syntax nested too deeply to follow' }[d.args.stage];
      return {
        message: `not analysed: ${d.args.path} has ${what}; it is granted as loaded code, but what it accesses and loads is not in the policy`,
        hint: 'generated code is usually the cause: add --read/--write for what it uses, or point the analysis at the source it was generated from',
      };
    }
    case 'PACKAGE_TARGET_INVALID': {
      const a = d.args;
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
    }
    case 'CAPABILITY_ESCAPED': {
      const a = d.args;
      const fallback = a.module !== 'fs' ? '; not granted' : a.fallback === 'project' ? '; the project root is readable as fallback' : a.fallback === 'error' ? '' : '; not granted';
      return {
        message: `${a.api}(): a call on ${a.module} (or a copy of it) with a method the analysis cannot name (a key known only at run time, or one a wrapper added): it could be any ${a.module} call${fallback}`,
        hint: a.module === 'fs' ? 'add --read/--write PATH for the paths it uses at run time, or call the fs method by name' : `call the ${a.module} method by name, or grant its capability with the matching --allow flag knowingly`,
      };
    }
  }
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
