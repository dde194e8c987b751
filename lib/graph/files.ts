// What the graph is made of: the loaded files, the graph the analysis hands on, its options,
// and what is read off a file without evaluating it (its package, its literal dependencies,
// whether it has module syntax).

import * as path from 'node:path';
import type { Node } from 'acorn';
import type { Diagnostic } from '../diagnostics/index.js';
import { deadCallOnPlatform, type ModuleRequest } from '../detect/index.js';
import { newEvalState, type EvalEnv, type RunFacts } from '../evaluate/index.js';
import { readJson, type Host } from '../host.js';
import type { Limits } from '../limits.js';
import type { ModelSet } from '../models/index.js';
import type { Binding, FileModel } from '../parse/index.js';
import type { Assumption, BroadPrefix, Evidence, Need, PackageName, Unresolved, UnresolvedMode } from '../types.js';
import type { AnalyzeProgress } from '../report.js';
import { packageScopeOf } from './resolve.js';
import type { TypeScriptResolution } from './resolve-typescript.js';
import type { LiteralDependency, RecordStore } from './examination.js';
import type { ExaminationPool, ExaminationPoolOptions } from './examination-pool.js';

export interface LoadedFile {
  /** Absolute real path. */
  file: string;
  format: 'cjs' | 'esm' | 'json' | 'addon' | 'unparsed';
  package: PackageName;
  /** Folder of the nearest package.json, and whether it says "type": "module". */
  scope?: { dir: string; typeModule: boolean };
  isEntry: boolean;
  /**
   * The file has top-level `import`/`export` declarations, so it runs as ESM even where Node
   * cannot read its package's "type" (syntax detection).
   */
  moduleSyntax?: boolean;
  /** For TypeScript that could not just be erased: the construct that needed a transform (e.g. "TypeScript enum"). */
  typeScriptSyntax?: { syntax: string; line: number; column: number };
  /** Why the file is loaded: the entry, or each site that loads it. */
  loadedBy: Evidence[];
}

export interface Graph {
  files: LoadedFile[];
  /** package.json files read while resolving bare specifiers, with the sites that caused them. */
  packageJsonReads: Map<string, Evidence[]>;
  needs: Need[];
  unresolved: Unresolved[];
  diagnostics: Diagnostic[];
}

export interface GraphOptions {
  root: string;
  entries: string[];
  /** The entries the app is started with (`process.argv[1]`), without preloads; default: `entries`. */
  mains?: string[];
  /** The run-time world the app is assumed to run in: the evaluator's facts. */
  facts: RunFacts;
  /** Records an assumption the evaluation made (the report lists them). */
  assume(assumption: Assumption): void;
  unresolved: { read: UnresolvedMode; write: UnresolvedMode };
  /** `whole`: the folder granted whole (not a name prefix): the project root itself is not too broad then, a folder holding it is. */
  tooBroad(folder: string, partial?: string, whole?: boolean): BroadPrefix | undefined;
  /** Package models: what modelled packages' loads and calls need. */
  models?: ModelSet;
  /** Called as each file is taken up, for a progress display. */
  onProgress?(progress: AnalyzeProgress): void;
  /** File-size cap and time budget (lib/limits.ts). Default: the default cap, no budget. */
  limits?: Limits;
  /** Worker threads that examine files ahead (./examination-pool.ts), or a pool to use; 0 or absent: every file is examined inline. */
  workers?: number | ExaminationPoolOptions | ExaminationPool;
  /** package.json files of the packages the node command preloads by name (`--import tsx`): their load models apply. */
  preloadPackages?: { packageJson: string; flag: string; specifier: string }[];
  /** Set when a TypeScript loader runs the app: module resolution then follows the loader's rules. */
  typeScript?: TypeScriptResolution;
  /** Per-file examination records to take unchanged files from and to record into (./examination.ts); none: every file is examined. */
  records?: RecordStore;
  /** Whether a built-in module exists on every release of the target (`node:sqlite` does not on 20). Default: every built-in does. */
  builtinOnTarget?(specifier: string): boolean;
}

/**
 * Extensions whose module kind Node fixes whatever the package type says. `.ts` follows the
 * package type and syntax detection like `.js` (measured on 22.23.3, 24.21.0, 26.10.0).
 */
export const fixedFormat: Readonly<Record<string, 'esm' | 'cjs'>> = { '.mjs': 'esm', '.cjs': 'cjs', '.mts': 'esm', '.cts': 'cjs' };

export type { LiteralDependency };

/**
 * The modules a file names literally, found without evaluating anything but the platform: with
 * `env`, a `require('literal')` in a branch that cannot run on its platform (the win32 arm of
 * `process.platform === 'win32' ? require('./win') : require('./posix')` on Linux) is left out.
 * Nothing follows such a request (the detector drops the call: deadCallOnPlatform), so taking
 * the module up first granted its read and its needs with no load to ask for them.
 */
export function literalDependencies(model: FileModel, runEnv?: EvalEnv): LiteralDependency[] {
  const out: LiteralDependency[] = model.imports.map((i) => ({ specifier: i.source, kind: 'import' }));
  // A state and assumptions of its own: the examination that follows evaluates these tests again
  // and records what it assumes (an examination record replays only what it recorded).
  const env = runEnv && runEnv.facts.platform ? { ...runEnv, hooks: { ...runEnv.hooks, assume: () => {} }, state: newEvalState() } : undefined;
  const calls = model.calls;
  for (let i = 0; i < calls.length; i++) {
    const call = calls[i]!.node as Node & { callee?: Node & { type: string; name?: string }; arguments?: (Node & { type: string; value?: unknown })[] };
    const arg = call.arguments?.[0];
    if (arg?.type !== 'Literal' || typeof arg.value !== 'string' || !call.callee) continue;
    const plainRequire = call.callee.type === 'Identifier' && call.callee.name === 'require' && !model.bindingOf.has(call.callee);
    const base = plainRequire ? '' : placedRequire(model, call.callee);
    if (base === undefined || (env && deadCallOnPlatform(model, call, env))) continue;
    out.push({ specifier: arg.value, kind: 'require', ...(base ? { base } : {}) });
  }
  return out;
}

/** The file a literal dependency resolves from. */
export function dependencyBase(file: string, dep: LiteralDependency): string {
  return dep.base ? path.resolve(path.dirname(file), dep.base) : file;
}

type Shape = Node & { type: string; name?: string; value?: unknown; object?: Shape; property?: Shape; callee?: Shape; arguments?: Shape[]; meta?: Shape; computed?: boolean };

/**
 * A require made by createRequire for a place the text names: the file's own
 * (`createRequire(import.meta.url)`, `__filename`, `import.meta.filename`: `''`) or one beside
 * it (`new URL('./sub/', import.meta.url)`: its path relative to the file's folder), called at
 * once or kept in a name written only there (less's lib/less-node/fs.js loads graceful-fs so).
 * Its literal requests load as `require('literal')` does, so they are examined first too;
 * otherwise what they export is not known when this file's calls on it are.
 */
function placedRequire(model: FileModel, callee: Node): string | undefined {
  const c = callee as Shape;
  if (c.type === 'CallExpression') return requirePlace(model, c);
  if (c.type !== 'Identifier') return undefined;
  const b = model.bindingOf.get(c);
  return b !== undefined && b.kind === 'const' && b.pattern.length === 0 && b.writes.length === 0 && b.init !== undefined ? requirePlace(model, b.init as Shape) : undefined;
}

function requirePlace(model: FileModel, call: Shape): string | undefined {
  if (call.type !== 'CallExpression' || !call.callee || !isCreateRequire(model, call.callee)) return undefined;
  const base = call.arguments?.[0];
  if (base?.type === 'Identifier') return base.name === '__filename' && !model.bindingOf.has(base) ? '' : undefined;
  return isImportMeta(base, 'url') || isImportMeta(base, 'filename') ? '' : (besideFile(model, base) ?? joinedBesideFile(model, base));
}

/**
 * `path.join(__dirname, 'lib', 'x.js')` or `path.resolve(import.meta.dirname, 'x.js')`: a place
 * beside the file, written with the file's folder and literal names (silent-18). Its path
 * relative to the file's folder; a trailing `/` to join names a folder, as for a URL. Not one
 * with an absolute name in it, nor one on a `path` the file binds to something else.
 */
function joinedBesideFile(model: FileModel, base: Shape | undefined): string | undefined {
  if (base?.type !== 'CallExpression' || !base.arguments || base.arguments.length < 2) return undefined;
  const how = pathFunction(model, base.callee);
  const [folder, ...rest] = base.arguments;
  const isFolder = isImportMeta(folder, 'dirname') || (folder?.type === 'Identifier' && folder.name === '__dirname' && !model.bindingOf.has(folder));
  if (!how || !isFolder) return undefined;
  const names = rest.map((n) => (n.type === 'Literal' && typeof n.value === 'string' ? n.value : undefined));
  if (names.some((n) => n === undefined || n === '' || n.startsWith('/'))) return undefined;
  const joined = path.posix.join('.', ...(names as string[]));
  return how === 'join' && joined.endsWith('/') ? path.posix.join(joined, 'noop.js') : path.posix.normalize(joined.replace(/\/+$/, '') || '.');
}

/** `path.join` / `path.resolve` (node's path, imported or required whole), or `join` / `resolve` imported from it by name. */
function pathFunction(model: FileModel, callee: Shape | undefined): 'join' | 'resolve' | undefined {
  const which = (name: string | undefined) => (name === 'join' || name === 'resolve' ? name : undefined);
  if (callee?.type === 'Identifier') {
    const b = model.bindingOf.get(callee);
    return b?.kind === 'import' && isPathModule(b.importSource) ? which(b.importName) : undefined;
  }
  if (callee?.type !== 'MemberExpression' || callee.computed || callee.object?.type !== 'Identifier') return undefined;
  const b = model.bindingOf.get(callee.object);
  if (!b) return undefined;
  const whole = b.kind === 'import' ? isPathModule(b.importSource) && (b.importName === 'default' || b.importName === '*') : isRequireOf(model, b, isPathModule);
  return whole ? which(callee.property?.name) : undefined;
}

const isPathModule = (source: string | undefined) => source === 'path' || source === 'node:path';
const isNodeModule = (source: string | undefined) => source === 'module' || source === 'node:module';

/** A name written once as `const x = require('<module>')` (whole, `pattern` empty, or destructured by `pattern`). */
function isRequireOf(model: FileModel, b: Binding, module: (source: string) => boolean, pattern: readonly string[] = []): boolean {
  if (b.kind !== 'const' || b.writes.length > 0 || b.pattern.length !== pattern.length) return false;
  if (!b.pattern.every((step, i) => 'key' in step && step.key === pattern[i])) return false;
  const init = b.init as Shape | undefined;
  const arg = init?.arguments?.[0];
  return init?.type === 'CallExpression' && init.callee?.type === 'Identifier' && init.callee.name === 'require' && !model.bindingOf.has(init.callee) && init.arguments?.length === 1 && arg?.type === 'Literal' && typeof arg.value === 'string' && module(arg.value);
}

const isImportMeta = (n: Shape | undefined, name: string): boolean =>
  n?.type === 'MemberExpression' && n.object?.type === 'MetaProperty' && n.object.meta?.name === 'import' && n.property?.name === name;

/**
 * `new URL('./sub dir/', import.meta.url)`: the place, relative to the file's folder, Node
 * resolves from (holes-14): the URL's path decoded, and for a folder (text ending in `/`, `.`)
 * a file inside it, as Node makes one. Not an absolute or a `file:` text, which names no place
 * beside the file.
 */
function besideFile(model: FileModel, base: Shape | undefined): string | undefined {
  if (base?.type !== 'NewExpression' || base.callee?.type !== 'Identifier' || base.callee.name !== 'URL' || model.bindingOf.has(base.callee)) return undefined;
  const [relative, against] = base.arguments ?? [];
  const text = relative?.type === 'Literal' ? relative.value : undefined;
  if (typeof text !== 'string' || !text.startsWith('.') || !isImportMeta(against, 'url')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(text.replace(/[?#].*$/, ''));
  } catch {
    return undefined;
  }
  const folder = decoded === '.' || decoded === '..' || decoded.endsWith('/') || decoded.endsWith('/.') || decoded.endsWith('/..');
  return folder ? path.posix.join(decoded, 'noop.js') : path.posix.normalize(decoded);
}

/**
 * `createRequire` imported from node:module, or a member of that module imported whole; in
 * CommonJS the same required once (`const { createRequire } = require('module')`, `const m =
 * require('module'); m.createRequire`).
 */
function isCreateRequire(model: FileModel, callee: Shape): boolean {
  if (callee.type === 'Identifier') {
    const b = model.bindingOf.get(callee);
    if (!b) return false;
    return b.kind === 'import' ? isNodeModule(b.importSource) && b.importName === 'createRequire' : isRequireOf(model, b, isNodeModule, ['createRequire']);
  }
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property?.name !== 'createRequire' || callee.object?.type !== 'Identifier') return false;
  const b = model.bindingOf.get(callee.object);
  if (!b) return false;
  return b.kind === 'import' ? isNodeModule(b.importSource) && (b.importName === 'default' || b.importName === '*') : isRequireOf(model, b, isNodeModule);
}

const moduleDeclarations = new Set(['ImportDeclaration', 'ExportNamedDeclaration', 'ExportDefaultDeclaration', 'ExportAllDeclaration']);

/**
 * True when the module has an import or export declaration: such a file does not compile as
 * CommonJS, so Node's syntax detection runs it as ESM. (`import.meta` and top-level await are
 * left out: a file with only those keeps its folder grant, which is never wrong.)
 */
export function hasModuleSyntax(ast: Node): boolean {
  return (ast as Node & { body: Node[] }).body.some((n) => moduleDeclarations.has(n.type));
}

/** The package a file belongs to: the last node_modules/<name> in its path, else "." (the app). */
export function packageOf(file: string): PackageName {
  const parts = file.split(path.sep);
  const i = parts.lastIndexOf('node_modules');
  if (i < 0 || i + 1 >= parts.length) return '.';
  const first = parts[i + 1]!;
  return first.startsWith('@') && parts[i + 2] ? `${first}/${parts[i + 2]}` : first;
}

/** The package name of a bare specifier (`@scope/name/sub` → `@scope/name`); none for a path. */
function packageNameOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.includes(':')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * True when the missing package is an optional dependency of the package that loads it (npm
 * skips one whose `os`/`cpu` do not match the machine, as with fsevents or @esbuild/darwin-arm64),
 * or an optional peer dependency: its absence is expected, not a miss.
 */
export function optionalDependencyOf(host: Host, request: ModuleRequest, cache: Map<string, { dir: string; typeModule: boolean } | undefined>): boolean {
  const name = packageNameOf(request.specifier);
  const scope = name ? packageScopeOf(host, request.from, cache) : undefined;
  if (!name || !scope) return false;
  const pkg = readJson(host, path.join(scope.dir, 'package.json')) as { optionalDependencies?: Record<string, unknown>; peerDependenciesMeta?: Record<string, { optional?: unknown }> } | undefined;
  return Boolean(pkg?.optionalDependencies && Object.hasOwn(pkg.optionalDependencies, name)) || pkg?.peerDependenciesMeta?.[name]?.optional === true;
}
