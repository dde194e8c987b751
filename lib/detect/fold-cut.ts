// A call whose callee's fold gave up at the evaluator's depth (`w14 = r(w13)(14)`, a wrapper of a
// wrapper fifteen deep: each step folds a call, a binding and the wrapper's return, one frame
// each). The bound stays, so hostile input cannot exhaust the analysis; but what the call calls
// is not known, and it may be a capability's function, so giving up is said at the call
// (CALL_NOT_FOLLOWED, bound `fold-depth`), as a call into another module past the re-export
// bound is: an unresolved module access with the read fallback, never silent.

import type { AnyNode, Node } from 'acorn';
import { diagnostic } from '../diagnostics/index.js';
import { MAX_DEPTH, type Value } from '../evaluate/index.js';
import type { FileModel } from '../parse/index.js';
import type { PackageName, Site, UnresolvedMode } from '../types.js';
import type { Findings } from './context.js';

/**
 * Whether the callee is a value whose fold was cut by the depth bound (or the file's fuel, which
 * reads the same), written as a name or a member of one (`write`, `lib.write`). Not `this.x`, a
 * method on a fluent chain (`delegate(p).method('a').method('b')…`) or a `.bind`: those are cut
 * where the evaluator follows fields and returned receivers, not where a capability's function
 * travels through wrappers, and `.bind` runs nothing; reporting them granted the project
 * (the read fallback) to four corpus apps for calls of their own methods.
 */
export function foldCutCallee(callee: Value | undefined, node: Node | undefined): boolean {
  return callee?.k === 'unknown' && callee.reason === 'depth-limit' && node !== undefined && namedCallee(node);
}

function namedCallee(node: Node): boolean {
  let n = node as AnyNode;
  if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' && n.property.name === 'bind') return false;
  while (n.type === 'MemberExpression' && !n.computed) n = n.object as AnyNode;
  return n.type === 'Identifier';
}

/** Reports the call at `site`: its callee, as written, is not followed. */
export function reportFoldCut(model: FileModel, callee: Node, site: Site, via: Site[], pkg: PackageName, fallback: UnresolvedMode, out: Findings): void {
  const text = calleeText(model, callee);
  out.unresolved.push({ capability: 'module', site, api: text, package: pkg, reason: 'depth-limit', ...(via.length > 0 ? { via } : {}), fallback });
  out.diagnostics.push(diagnostic('CALL_NOT_FOLLOWED', fallback === 'error' ? 'error' : 'warning', { specifier: text, name: '', bound: 'fold-depth', limit: MAX_DEPTH, fallback }, site));
}

/** The callee's source, shortened: a name or a member chain as the reader wrote it. */
function calleeText(model: FileModel, callee: Node): string {
  const text = model.text.slice(callee.start, callee.end).replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
