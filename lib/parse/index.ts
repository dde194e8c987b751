// Stage 2: turn one file into a FileModel (AST + scope model). CommonJS or ESM is decided the
// way Node decides it (.mjs/.cjs, the package "type", then syntax detection for .js); a file
// that does not parse becomes a PARSE_FAILED diagnostic and no model.

import type { Node } from 'acorn';
import type { Diagnostic } from '../diagnostics/index.js';
import { diagnostic } from '../diagnostics/index.js';
import { analyseScopes, type ScopeModel } from './scope.js';
import { isStackOverflow, tooDeep } from '../limits.js';
import type { Site } from '../types.js';
import { isTypeScript, stripTypes, type PositionMap } from './typescript.js';
import { parseSyntax, withoutBom, type ModuleKind } from './syntax.js';

export type { Binding, CallSite, ExportTarget, PatternStep, ScopeModel, StaticImport } from './scope.js';
export { isFunctionNode } from './scope.js';

export type { ModuleKind } from './syntax.js';
export { isTypeScript } from './typescript.js';

export interface FileModel extends ScopeModel {
  /** Absolute path. */
  file: string;
  /** The path relative to the project root, computed once on first use (see lib/site.ts). */
  relative?: string;
  /** The text that was parsed (for TypeScript, with its types erased): `positionOf` and the text scans below read it. */
  text: string;
  /**
   * Offset where each line starts, for turning a node's offset into line and column. Made by
   * `positionOf` on first use (on eslint's tree nearly every file reports a site, so this
   * saves little: the text is kept for the scans).
   */
  lineStarts?: Uint32Array;
  kind: ModuleKind;
  ast: Node;
  /**
   * For a TypeScript file: set when its types could not just be erased and the code was
   * transformed (`syntax` names the first construct that needed it, e.g. "TypeScript enum").
   */
  typeScript?: { transformed: false } | { transformed: true; syntax: string; at: { line: number; column: number } };
  /** For transformed TypeScript: maps positions in the parsed code back to the .ts source. */
  positionMap?: PositionMap;
  /** What later stages work out once per file and keep for it: see `memo`. */
  memos: Map<MemoKey<unknown>, unknown>;
}

/**
 * Names one per-file memo. A key made once per module serves every analysis (a fact of the
 * code alone); a key made per analysis scopes the memo to it.
 */
export interface MemoKey<T> {
  readonly name: string;
  /** Never set: carries the memo's type. */
  readonly type?: T;
}

export function memoKey<T>(name: string): MemoKey<T> {
  return { name };
}

/**
 * The file's memo under `key`, made by `make` on first use. Memos live on the model, not in
 * WeakMaps keyed by models or nodes: measured on eslint's tree, the young-generation garbage
 * collections kept the entries of those WeakMaps (and through a binding or a node, the file's
 * syntax tree) alive until the next full collection, so every file's tree was copied and
 * promoted instead of dying young. A memo on the model goes when the model goes.
 */
export function memo<T>(model: FileModel, key: MemoKey<T>, make: () => T): T {
  let value = model.memos.get(key) as T | undefined;
  if (value === undefined) model.memos.set(key, (value = make()));
  return value;
}

/** The file's memo under `key` if one was made, without making it. */
export function memoIfMade<T>(model: FileModel, key: MemoKey<T>): T | undefined {
  return model.memos.get(key) as T | undefined;
}

const namesPlatform = memoKey<boolean>('the text names platform or arch');
const hasModuleTable = memoKey<boolean>('the text has .exports = require(');

// The two tests below scan the whole text, so they run when first asked rather than on every
// parse: on eslint's tree the module-table test is asked of 10 files of 565, the platform test
// of 346.

/** The text names `platform` or `arch` (`process.platform`, `os.arch()`): only then are branches judged by them (lib/detect/platform-guards.ts). */
export function mentionsPlatform(model: FileModel): boolean {
  // O_SYMLINK: a constant of some platforms only (lib/evaluate/machine.ts, hasPlatformConstant).
  return memo(model, namesPlatform, () => hasWord(model.text, 'platform') || hasWord(model.text, 'arch') || hasWord(model.text, 'O_SYMLINK'));
}

/**
 * Whether `word` stands in `text` as a whole word, as `/\bword\b/` finds it (a word character is
 * [A-Za-z0-9_]). Found by indexOf: the alternation of three words scanned every file's whole
 * text character by character (1% of a cold run's CPU on eslint's tree).
 */
export function hasWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!isWordCode(text.charCodeAt(at - 1)) && !isWordCode(text.charCodeAt(at + word.length))) return true;
  }
  return false;
}

/** A word character of a regular expression without the `u` flag; NaN (before the start, past the end) is none. */
function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** The text has `….exports = require(…)` inside what may be a bundler's module table (lib/evaluate/module-table.ts). */
export function mentionsModuleTable(model: FileModel): boolean {
  return memo(model, hasModuleTable, () => /\.exports\s*=\s*require\(/.test(model.text));
}

export type ParseResult = { ok: true; model: FileModel } | { ok: false; diagnostic: Diagnostic };

/**
 * Parses `source` as Node would load it (`preferred` is the kind the extension and package type
 * give; `detectable`, whether syntax may decide it, see ./syntax.ts).
 */
export function parseFile(file: string, source: string, preferred: ModuleKind, detectable: boolean, siteOf: (loc?: { line: number; column: number }) => Site): ParseResult {
  const original = withoutBom(source);
  let text = original;
  let typeScript: FileModel['typeScript'];
  let positionMap: PositionMap | undefined;
  if (isTypeScript(file)) {
    const stripped = stripTypes(original);
    if (!stripped.ok) return { ok: false, diagnostic: diagnostic('PARSE_FAILED', 'error', { message: stripped.message }, siteOf(stripped)) };
    text = stripped.code;
    typeScript = stripped.transformed ? { transformed: true, syntax: stripped.syntax, at: stripped.at } : { transformed: false };
    if (stripped.transformed) positionMap = stripped.map;
  }
  const result = parseSyntax(text, preferred, detectable);
  if ('error' in result) {
    // Acorn turns running out of stack into a syntax error; it is the nesting, not the syntax.
    if (/^Not enough stack space/.test(result.error.message)) return { ok: false, diagnostic: tooDeep(siteOf(result.error.loc), 'parser') };
    const message = result.error.message.replace(/\s*\(\d+:\d+\)$/, '');
    const loc = result.error.loc;
    return { ok: false, diagnostic: diagnostic('PARSE_FAILED', 'error', { message }, siteOf(loc && positionMap ? positionMap(loc.line, loc.column) : loc)) };
  }
  const kind = result.kind;
  let scopes: ScopeModel;
  try {
    scopes = analyseScopes(result.ast);
  } catch (e) {
    if (isStackOverflow(e)) return { ok: false, diagnostic: tooDeep(siteOf(), 'analysis') };
    throw e;
  }
  // Every model gets the same fields in the same order, those set later or only on some files
  // included (as undefined): a field added to some models made them objects of other shapes, and
  // V8 dropped the optimized code of functions reading `model.x` each time a new shape came by.
  const model: FileModel = { file, kind, ast: result.ast, text, memos: new Map(), relative: undefined, lineStarts: undefined, typeScript, positionMap, ...scopes };
  return { ok: true, model };
}

/**
 * Line starts, with line breaks as ECMAScript (and acorn) count them: \n, \r\n, a lone \r,
 * U+2028 and U+2029. Most files break lines with \n alone, and for them `indexOf` finds each
 * break without allocating: a global regex allocated a match array per line, about 8% of
 * everything the analysis allocated (which then went to garbage collection). The breaks are
 * counted first and the starts written into a typed array of that length: a list grown by
 * `push` took 8 bytes a line, allocated about three times over as it grew (3.8 MB of each
 * analysis of eslint's tree; now 0.6 MB, 4 bytes a line, outside V8's heap).
 */
function lineStartsOf(text: string): Uint32Array {
  const plain = text.indexOf('\r') < 0 && text.indexOf('\u2028') < 0 && text.indexOf('\u2029') < 0;
  const starts = new Uint32Array(1 + (plain ? newlineBreaks(text, undefined) : anyBreaks(text, undefined)));
  if (plain) newlineBreaks(text, starts);
  else anyBreaks(text, starts);
  return starts;
}

/** The \n breaks of `text`; with `starts`, each next line's start written from index 1. */
function newlineBreaks(text: string, starts: Uint32Array | undefined): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    n++;
    if (starts) starts[n] = i + 1;
  }
  return n;
}

/** The breaks of every kind in `text`, written as newlineBreaks writes them. */
function anyBreaks(text: string, starts: Uint32Array | undefined): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++; // \r\n is one break
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) {
      n++;
      if (starts) starts[n] = i + 1;
    }
  }
  return n;
}

/** 1-based line and 0-based column (acorn's convention) of an offset. */
export function positionOf(model: FileModel, offset: number): { line: number; column: number } {
  const starts = (model.lineStarts ??= lineStartsOf(model.text));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  const line = lo + 1;
  const column = offset - starts[lo]!;
  return model.positionMap ? model.positionMap(line, column) : { line, column };
}
