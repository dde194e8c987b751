// Which of a file's own exported functions the escape search climbs from (lib/detect/export-escape.ts):
// those whose parameter sinks wait for callers in other modules (a summary) or whose exported
// function some conditional finding waits for. Any other exported function needs nothing from
// its callers, so where its value goes changes no report. What a use of the value means is the
// escape search's to say.

import type { AnyNode, Node } from 'acorn';
import type { Binding, FileModel } from '../parse/index.js';
import type { Findings, FnKey } from './context.js';
import type { OwnExport } from './export-escape.js';
import { bindsParameters } from './callers.js';
import { fnKey, type ExportEntry, type ExportTable } from './flow.js';
import { namedPairs } from './named.js';

/** How deep in exported objects (`module.exports = { render: { html } }`) an export path is looked for. */
const MAX_DEPTH = 4;

/** The file's exported functions, each with its name and export path, whose callers in other modules its findings wait for. */
export function ownExportsWaiting(model: FileModel, exports: ExportTable, findings: Pick<Findings, 'summaries' | 'conditional'>): OwnExport[] {
  const waiting = new Set<FnKey>();
  for (const s of findings.summaries) if (s.file === model.file) waiting.add(s.fn);
  for (const c of findings.conditional ?? []) for (const k of c.when) waiting.add(k);
  if (waiting.size === 0) return [];
  const paths = new Map<FnKey, string[]>();
  const makers = new Map<FnKey, Set<FnKey>>();
  for (const [name, e] of namedPairs(exports.entries)) exportPaths(e, name === '' ? [] : [name], { paths, makers }, 0);
  const out: OwnExport[] = [];
  for (const b of new Set(model.bindingOf.values())) {
    // Only a name the file's calls can bind the parameters through: a declaration, or a variable never written again.
    const fn: Node | undefined = b.kind === 'function' ? b.fn : (b.kind === 'const' || b.kind === 'let' || b.kind === 'var') && b.init && b.pattern.length === 0 && b.writes.length === 0 && !b.complexWrite && /Function/.test(b.init.type) ? b.init : undefined;
    if (!fn) continue;
    const key = fnKey(model, fn);
    if (!waiting.has(key)) continue;
    const madeBy = makers.get(key);
    out.push({ binding: b, fn, path: paths.get(key) ?? [b.name], binds: (call) => bindsParameters(model, fn, call), ...(madeBy ? { returnedBy: (enclosing: Node) => madeBy.has(fnKey(model, enclosing)) } : {}) });
  }
  return [...out, ...anonymousExports(model, waiting, out)];
}

/**
 * A function written straight into a CommonJS export (`exports.save = function (file) {…}`) has
 * no name to climb from, only reads of the export (`setImmediate(exports.save, …)`,
 * lib/detect/export-escape.ts ownExportReads): it gets a binding of its own that no identifier
 * names, so those reads find it (`miss-exports-own-escape-through-exports-read`).
 */
function anonymousExports(model: FileModel, waiting: ReadonlySet<FnKey>, named: readonly OwnExport[]): OwnExport[] {
  if (model.kind === 'esm') return [];
  const out: OwnExport[] = [];
  for (const [name, fn] of [...exportedFunctionNodes(model), ...exportedLiteralMembers(model)]) {
    if (!fn || name === '' || (fn.type !== 'FunctionExpression' && fn.type !== 'ArrowFunctionExpression') || named.some((o) => o.fn === fn)) continue;
    if (!waiting.has(fnKey(model, fn))) continue;
    const binding: Binding = { name, kind: 'function', fn, pattern: [], writes: [], complexWrite: false, loopVariable: false };
    out.push({ binding, fn, path: [name], binds: (call) => bindsParameters(model, fn, call) });
  }
  return out;
}

/** Each CommonJS export written as a plain value (`exports.save = function …`), by name. */
function exportedFunctionNodes(model: FileModel): [string, Node | undefined][] {
  return [...model.exports].map(([name, target]) => [name, 'node' in target ? (target.node as Node) : undefined]);
}

/**
 * The members of an object literal exported whole (`module.exports = { save: function (file) {…} }`,
 * `save(file) {…}`), by key: the same functions, read back as `this.save` or `module.exports.save`
 * (`miss-this-method-call-in-exported-function`).
 */
function exportedLiteralMembers(model: FileModel): [string, Node | undefined][] {
  const whole = model.exports.get('');
  const object = whole && 'node' in whole ? (whole.node as AnyNode) : undefined;
  if (object?.type !== 'ObjectExpression') return [];
  const out: [string, Node | undefined][] = [];
  for (const p of object.properties) {
    if (p.type !== 'Property' || p.computed || p.kind !== 'init') continue;
    const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' && typeof p.key.value === 'string' ? p.key.value : undefined;
    if (key !== undefined && !model.exports.has(key)) out.push([key, p.value]);
  }
  return out;
}

/**
 * Each exported function's export path, and for a function an exported function returns as its
 * result (an exported factory's constructor, flow.ts `result`), the functions that make it.
 */
function exportPaths(e: ExportEntry, at: string[], into: { paths: Map<FnKey, string[]>; makers: Map<FnKey, Set<FnKey>> }, depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (e.kind === 'fn' && !into.paths.has(e.fn)) into.paths.set(e.fn, at);
  if (e.kind === 'fn' && e.result?.kind === 'fn') {
    const made = into.makers.get(e.result.fn) ?? new Set<FnKey>();
    into.makers.set(e.result.fn, made.add(e.fn));
  }
  const members = e.kind === 'value' ? undefined : e.members;
  if (members) for (const [name, m] of namedPairs(members)) exportPaths(m, [...at, name], into, depth + 1);
}
