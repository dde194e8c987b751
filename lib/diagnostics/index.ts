// Diagnostic codes, their typed arguments, and the one formatter that turns them into text.
// Tests assert codes, args and sites, never wording; docs/diagnostics.md has one heading per
// code, and a test keeps that list and this union in step. A released code is never reused.

import type { BroadPrefix, Severity, Site, UnknownReason, UnresolvedMode } from '../types.js';
import type { TypeScriptProblem } from '../node-versions/typescript.js';

export type DiagnosticArgs = {
  PARSE_FAILED: { message: string };
  FILE_UNREADABLE: { path: string; error: string };
  FILE_TOO_LARGE: { path: string; size: number; limit: number };
  FILE_NOT_TEXT: { path: string };
  TIME_BUDGET_EXCEEDED: { budgetMs: number; analysed: number; skipped: number; callsCut: boolean };
  IMPORT_UNRESOLVED: { specifier: string };
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
  'child-inline-code': 'it is code a Node child gets on its command line (-e, -p) or from stdin, not a file the analysis can read',
};

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

/** What the user can do, given the fallback already in force. */
function reasonHint(reason: UnknownReason, name: string | undefined, scope: string, fallback: UnresolvedMode): string {
  const bind = reason === 'env-unbound' && name ? `bind it with --env ${name}=VALUE, or ` : '';
  const other = fallback === 'project' ? '; --unresolved warn grants nothing instead' : fallback === 'warn' ? '; --unresolved project grants the project root instead' : '';
  return `${bind}add --${scope} PATH for the paths it uses at run time${other}`;
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
        message: `not analysed: ${d.args.path} is ${formatBytes(d.args.size)}, over the ${formatBytes(d.args.limit)} limit; it is granted as loaded code, but what it accesses is not in the policy`,
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
      return { message: `cannot resolve module '${d.args.specifier}'`, hint: 'install the dependency (npm install) so its code can be analysed' };
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
        hint: reasonHint(a.reason, a.name, a.scope, a.fallback),
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
