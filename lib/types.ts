// The vocabulary every stage shares: where something is (Site), what the code needs (Need),
// what we could not tell (Unresolved), and what we grant (Policy). Stages add their own
// internal types; only these cross stage boundaries and appear in the JSON report.

/** A place in the analysed project: project-relative POSIX path, 1-based line and column. */
export interface Site {
  file: string;
  line: number;
  column: number;
}

/**
 * Capabilities the Permission Model gates. The names are the ones used in CLI flags,
 * the JSON report and docs; `fs.read`/`fs.write` map to `--allow-fs-read/-write`.
 */
export type Capability =
  | 'fs.read'
  | 'fs.write'
  | 'child-process'
  | 'worker'
  | 'addons'
  | 'wasi'
  | 'net'
  | 'inspector';

export type BooleanCapability = Exclude<Capability, 'fs.read' | 'fs.write'>;

/** Why a path grant exists; shown by `--explain` and kept in the report. */
export type GrantReason =
  | 'module-load' // the file is code the app loads
  | 'package-json' // a dependency's package.json is read during resolution (22+)
  | 'type-module' // "type": "module" is ignored unless the package folder is readable
  | 'entry' // the entry script (implicit on 22/24+, explicit on 20/23)
  | 'api' // an fs API call reads or writes it
  | 'user' // --read / --write on the command line
  | 'unresolved-fallback' // --unresolved project granted the project root
  | 'model' // a package model says the call needs it (detail: the model file)
  | 'observed'; // generate-flags verify --write saw a run use it (package.json permissionPolicy.observed; detail: the run)

/** The package a site belongs to: "." for the app itself, else the dependency's name. */
export type PackageName = string;

/** One piece of evidence for a grant. */
export interface Evidence {
  reason: GrantReason;
  site?: Site;
  /** Canonical API name, e.g. `fs.readFileSync`, `child_process.spawn`, `require`. */
  api?: string;
  package: PackageName;
  /** Extra words, e.g. which version rule forced a folder grant. */
  detail?: string;
  /** Call sites from other modules that led to `site`, outermost first. */
  via?: Site[];
}

/** What one call site needs. `path` is absolute and normalised when known. */
export interface Need {
  capability: Capability;
  /** For fs needs: the absolute path, or the folder when only a prefix is known. */
  path?: string;
  /** For fs needs: true when `path` is a folder whose whole subtree is needed. */
  subtree?: boolean;
  /** For fs needs: true when every path that starts with `path` is needed (granted as `<path>*`). */
  wildcard?: boolean;
  site: Site;
  api: string;
  package: PackageName;
  /** When the need was found through calls from other modules: those call sites, outermost first. */
  via?: Site[];
  /** When a package model (not the analysis) says so: the model's file. */
  model?: string;
  /**
   * Needed only if the path does not exist (a mkdir the code runs after `existsSync` found
   * nothing): the policy leaves it out when the path exists at analysis time.
   */
  onlyIfMissing?: boolean;
  /**
   * Needed only for the symbolic links on the way to `path`, not for `path` itself:
   * `fs.realpathSync` reads each link it meets (a readlink, checked as a read of the link) and
   * nothing else. The graph replaces it by a read of each link it finds on the disk
   * (lib/graph/realpath-links.ts).
   */
  linksOnTheWay?: boolean;
}

/** Why a value could not be folded. Stable strings; documented in docs/diagnostics.md. */
export type UnknownReason =
  | 'parameter' // a function parameter with no known caller
  | 'env-unbound' // process.env.X with no --env binding
  | 'computed-member' // obj[expr]
  | 'call-result' // the return value of a call we do not model
  | 'reassigned' // a binding assigned more than once
  | 'unsupported-expression' // a syntax form the evaluator does not fold
  | 'global' // an identifier with no binding we can see
  | 'imported' // a value imported from another module (not followed yet)
  | 'loop-variable' // a loop variable whose iterable is not a known array
  | 'not-a-string' // the value is known but is not a path-like string
  | 'depth-limit' // folding gave up after too many steps
  | 'model-folder' // a package model names a whole folder that is too broad to grant (a subtree, a glob's base)
  | 'cli-argument' // a command-line option with no default (util.parseArgs, a modelled parser such as commander)
  | 'generated-code' // code made at run time from a string the analysis could not read (eval, new Function, vm)
  | 'loader-escaped' // require handed where the analysis does not follow it (an argument, a property, a return value)
  | 'file-too-large' // the file is over --max-file-size: not analysed, but its text names a file-system module
  | 'value-limit' // the value grew past the evaluator's bounds: a string over 4,096 characters, more than 16 alternatives
  | 'capability-escaped' // a call on a capability module (or a copy of one) with a method that cannot be named
  | 'child-inline-code' // code a Node child gets on its command line (-e, -p) or from stdin, not from a file
  | 'parent-walk' // a function hands its path parameter's parent folder to itself: it reads every folder above it
  | 'child-cwd' // a Node child started in another working folder (a cwd option): its script's relative paths resolve there
  | 'chdir-folder' // process.chdir needs read on its folder, which Node grants with everything below it: too wide to grant
  | 'child-program' // a child process whose program cannot be resolved ($EDITOR): if it is Node, it runs code the analysis never read
  | 'symlink-folder' // a module loaded through a symbolic link to a folder too broad to grant (the project root, home, the disk root)
  | 'template-outside-project' // a template on disk names a file in a folder outside the project: only the data says so
  | 'search-limit' // a model's search of the folders below one (configs, templates) stopped at its bound: what lies further down is not seen
  | 'broad-folder' // a known path that is the disk root or the home folder (or above it): Node would grant everything below it
  | 'flow-bound' // a call into another module not followed to its end: more re-exports or nested calls than the analysis follows
  | 'exports-escaped' // a module's exports, or an exported function's value in its own file, escape (passed on, a computed member, stored): its functions' parameter accesses are reported at that place
  | 'realpath-link' // fs.realpathSync reads a symbolic link on the way to a known path, and the link leads to a folder too broad to grant
  | 'compile-cache-folder' // module.enableCompileCache reads and writes below its folder, which Node grants with everything below it: too wide to grant
  | 'recursive-folder' // fs.readdir with recursive: true reads every folder below its own, each checked by Node: granting everything below it would be too wide
  | 'function-escaped' // an fs function kept as a value in an object literal or handed to a function that is not a built-in: its calls may be anywhere
  | 'export-rewritten' // an export written more than once with different values: a call of it may run an earlier one, which is not followed
  | 'module-instance' // a relative or bare request through a `new Module(id)` object, which Node resolves from the file name that object has at run time
  | 'link-limit'; // more symbolic links on one path (and their targets' paths) than the analysis looks at: Node's realpath reads each, the ones past the bound are not granted

/**
 * What a grant of a known start would open that no prefix grant may: the disk root, the home
 * folder, the project root (or a folder above them), or a dot-name space (`dir/.*`).
 */
/** How a module's exports escape where matching cannot follow them (lib/detect/export-escape.ts, EXPORTS_ESCAPED). */
export type EscapeHow = 'argument' | 'computed-member' | 'stored' | 'returned' | 'iterated' | 'indirect-call' | 'dynamic-import' | 'unfolded-call';

export type BroadPrefix = 'disk-root' | 'home' | 'project-root' | 'dot-names';

/** An access whose path could not be resolved. Never silently allowed. */
export interface Unresolved {
  capability: 'fs.read' | 'fs.write' | 'module';
  site: Site;
  api: string;
  package: PackageName;
  reason: UnknownReason;
  /** Where the unknown part came from (may differ from the call site). */
  origin?: Site;
  /** The name involved, e.g. the env variable or parameter. */
  name?: string;
  /** The known leading part of the path, when there is one. */
  prefix?: string;
  /**
   * When the known start was not granted because its grant would open too much: the disk root,
   * the home folder, the project root (or a folder above them), or a dot-name space (`dir/.*`).
   */
  broad?: BroadPrefix;
  /** Call sites from other modules that led to `site`, outermost first. */
  via?: Site[];
  /** What the policy did about it: nothing (warn), granted the project root, or failed. */
  fallback: UnresolvedMode;
  /**
   * When the same access was reached along more than one route (a sink several escaped wrappers
   * forward to): every route, the one in `origin`/`via` first. Absent for a single route.
   */
  routes?: UnresolvedRoute[];
}

/** One route to an unresolved access: where its unknown came from and the calls that led there. */
export interface UnresolvedRoute {
  origin?: Site;
  via?: Site[];
}

/**
 * What to do with an access whose path cannot be resolved.
 * - `warn`: grant nothing, report a warning (the app may then fail with ERR_ACCESS_DENIED).
 * - `project`: grant the project root for that scope.
 * - `error`: report an error; the CLI exits 1.
 */
export type UnresolvedMode = 'warn' | 'project' | 'error';

export type Severity = 'error' | 'warning' | 'info';

export interface PathGrant {
  /** Absolute path as emitted (a not-yet-existing folder ends in `/*`). */
  path: string;
  /** Every site that justified the grant, not just the first. */
  evidence: Evidence[];
}

export interface BooleanGrant {
  granted: boolean;
  evidence: Evidence[];
}

/** An entry of the project root the unresolved fallback left out, and why. */
export interface Withheld {
  /** Absolute path of the entry. */
  path: string;
  scope: 'read' | 'write';
  /**
   * `secret`: it holds credentials (`.env*`, `.git`, `.npmrc`, keys); `code`: writing it replaces
   * code the next start runs; `link-out`: a link to a path outside the project (Node would let the
   * app through it); `wildcard`: its name holds `*`, which Node reads in a grant as a prefix
   * (`.*` would open `.env`).
   */
  why: 'secret' | 'code' | 'link-out' | 'wildcard';
}

export interface Policy {
  fsRead: PathGrant[];
  fsWrite: PathGrant[];
  /**
   * Entries of the project root that the `--unresolved project` fallback did not grant (it grants
   * the root's other entries instead of the root). Absent when no fallback left anything out.
   */
  withheld?: Withheld[];
  childProcess: BooleanGrant;
  worker: BooleanGrant;
  addons: BooleanGrant;
  wasi: BooleanGrant;
  net: BooleanGrant;
  inspector: BooleanGrant;
}

/** The target Node version an analysis is for. */
export interface Target {
  /** Full version, e.g. `22.23.3`: the newest measured release for a major, the oldest release allowed for a range. */
  version: string;
  major: number;
  /** Where the target came from: --target, engines.node, .nvmrc, .node-version or the running Node. */
  source: 'option' | 'engines' | 'nvmrc' | 'node-version' | 'running';
  /** The text it was read from, e.g. `>=20` from engines.node. */
  from: string;
  /** For a range: the range as semver normalises it; the policy then holds on every measured release it allows. */
  range?: string;
  /** For a range: the stretches of measured releases it touches, oldest first, e.g. `["22.13+", "24", "25", "26"]` (a line is cut where a fact changes). */
  covers?: string[];
  /** With source `running`: the engines.node range the running Node was found in (the policy is for the running Node). */
  engines?: string;
  /** An engines.node range that needs both spellings of the enable flag, the running Node outside it: the stretches left out (TARGET_RANGE_NARROWED). */
  narrowed?: string[];
  /** Why `narrowed` was left out: no one enable flag works on all of the range, or 20.0–20.6 split --allow-fs-* values on commas. */
  narrowedFor?: 'enable-flag' | 'split-fs-flags';
}

/** A value the analysis assumed; run-time values may differ (see docs/cli.md). */
export interface Assumption {
  kind: 'cwd' | 'env' | 'tmpdir' | 'homedir' | 'cli-option' | 'platform' | 'argv' | 'json-data';
  /** For `env`: the variable; for `cli-option`: the option as written on the command line (`--out`); for `platform`: `process.platform`, `process.arch` or `libc`; for `argv`: `process.argv`; for `json-data`: the file (absolute; `value` is its content's SHA-256). */
  name?: string;
  value: string;
  /** For `env`: the variable is assumed not set (code that runs only when it is set was left out). */
  unset?: boolean;
  site?: Site;
}
