// One walk over a file's AST that records what later stages need: every binding with the
// expression that initialises it, every write to a binding, every call site with its
// enclosing function, and the static module edges. References are resolved after the walk,
// once all scopes are complete, so hoisted declarations are seen. No values are computed here.
// The walk is a table of visitors, one per node type (scope-walk.ts); what the module exports
// and its shape are recorded by module-shape.ts.

import type { Identifier, Node, Program } from 'acorn';
import type { Binding, ScopeModel } from './scope-model.js';
import { BindingTable, markWalked } from './binding-table.js';
import { lookup, newScope, NO_WRITES, requireIn, scopeVisitors, visit, type ScopeWalk, type Visitor } from './scope-walk.js';

export type { Binding, BindingKind, CallSite, ExportTarget, LoaderEscape, PatternStep, ScopeModel, StaticImport } from './scope-model.js';

function isFunctionNode(node: Node): boolean {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

/** `visitors` is for tests, which drop one visitor to prove that it matters. */
export function analyseScopes(program: Node, visitors: Readonly<Record<string, Visitor | undefined>> = scopeVisitors): ScopeModel {
  // Identifiers keep their bindings (binding-table.ts): a second walk of one tree would find the first's.
  if (!markWalked(program)) throw new Error('analyseScopes: this syntax tree was walked already; parse the file again');
  const bindings = new BindingTable();
  // The fields some files set are there on every model (undefined), so that all have one shape (lib/parse/index.ts).
  const model: ScopeModel = { bindingOf: bindings, calls: [], imports: [], params: new Map(), patternParams: new Map(), exports: new Map(), starExports: [], classes: [], prototypeWrites: [], staticWrites: [], generated: undefined, loaderEscapes: undefined, requireAliases: undefined, computedExportWrites: undefined, thisExportReads: undefined, ownExportReads: undefined, forInKeys: undefined, exportMemberWrites: undefined, functionEscapes: undefined, keptValues: undefined };
  const w: ScopeWalk = { model, bindings, visitors, refIds: [], refScopes: [], writes: [], generatedBytes: 0, spine: [], spineTop: 0 };
  visit(w, program as Program, newScope(undefined, true), undefined);
  bindReferences(w);
  // A `require` that is a parameter or a variable of the file is not the module's require; a
  // name declared with it is, while nothing assigns it again.
  if (model.loaderEscapes) model.loaderEscapes = model.loaderEscapes.filter((e) => holdsRequire(model, e.node as Identifier));
  model.requireAliases = undefined;
  // An exported object's functions are followed through the export table.
  const exported = w.exportedObjects;
  if (model.functionEscapes && exported) model.functionEscapes = model.functionEscapes.filter((e) => !exported.has(e.holder));
  if (model.keptValues) model.keptValues = model.keptValues.filter((e) => !exported?.has(e.holder) && rootIsVariable(model, e.node));
  return model;
}

/** The root of a name or member chain is a variable or an import of the file (not a global, a parameter, a function or a class), or a `require(…)`. */
function rootIsVariable(model: ScopeModel, node: Node): boolean {
  let cur = node as { type: string; object?: Node };
  while (cur.type === 'MemberExpression') cur = cur.object as typeof cur;
  if (cur.type === 'CallExpression') return true;
  const kind = model.bindingOf.get(cur as Node)?.kind;
  return kind === 'var' || kind === 'let' || kind === 'const' || kind === 'import';
}

/**
 * Whether an escaping name is the module's require: unbound `require`, or a variable declared
 * with it (or with such a variable, a few steps deep: `var a = b, b = a` must end) and never
 * assigned again.
 */
function holdsRequire(model: ScopeModel, id: Identifier, steps = 8): boolean {
  const b = model.bindingOf.get(id);
  if (id.name === 'require' && !b) return true;
  if (!b || steps === 0 || b.pattern.length > 0 || b.writes.length > 0 || b.complexWrite) return false;
  const loader = requireIn(b.init as Parameters<typeof requireIn>[0], model.requireAliases);
  return loader !== undefined && holdsRequire(model, loader, steps - 1);
}

/** Binds each reference and write to the binding its scope sees, now that every scope is complete. */
function bindReferences(w: ScopeWalk): void {
  const { bindings, refIds, refScopes } = w;
  // A reference is never a declaring identifier (the walk declares names without visiting them),
  // so it is not in `bindingOf` yet and needs no test.
  for (let i = 0; i < refIds.length; i++) {
    const id = refIds[i]!;
    const b = lookup(refScopes[i], id.name);
    if (b) bindings.bindReference(id, b);
  }
  bindings.references(refIds);
  for (const { id, scope, value } of w.writes) {
    const b: Binding | undefined = lookup(scope, id.name);
    if (!b) continue;
    if (value) {
      if (b.writes === NO_WRITES) b.writes = [value];
      else (b.writes as Node[]).push(value);
    } else b.complexWrite = true;
  }
}

export { isFunctionNode };
