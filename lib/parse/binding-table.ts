// Which binding each identifier of a file names (ScopeModel.bindingOf), kept on the identifier
// node itself under a symbol of this module. A Map from node to binding held an entry for every
// declaration and bound reference of every file and grew by doubling as the walk added them:
// 8 MB of each analysis of eslint's tree went to its tables. An identifier node has room for one
// more property in the object acorn made, so the binding costs nothing there. A symbol is not
// seen by `for…in`, Object.keys or JSON, so the tree still reads as acorn made it.
//
// A tree is walked once (a file parsed again is a new tree), so no identifier carries a binding
// of another walk; analyseScopes refuses a tree it has walked before.

import type { Node } from 'acorn';
import type { Binding, BindingLookup } from './scope-model.js';

const BINDING = Symbol('binding');
const WALKED = Symbol('walked');

type Tagged = Node & { [BINDING]?: Binding; [WALKED]?: true };

/** Marks `root` as walked; false when it was already. */
export function markWalked(root: Node): boolean {
  if ((root as Tagged)[WALKED]) return false;
  (root as Tagged)[WALKED] = true;
  return true;
}

/** The bindings of one walk's identifiers; only the walk sets them. */
export class BindingTable implements BindingLookup {
  /** The declaring identifiers, in the order declared. */
  readonly #declared: Node[] = [];
  /** The references, in the walk's order, bound or not (the walk's own list, kept for iteration). */
  #references: readonly Node[] = [];
  /** The binding each declared identifier was first given, in the order declared. */
  readonly #made: Binding[] = [];
  /** Set when an identifier already bound was bound again: `#made` may then differ from what iteration lists. */
  #rebound = false;

  get(id: Node): Binding | undefined {
    return (id as Tagged)[BINDING];
  }

  has(id: Node): boolean {
    return (id as Tagged)[BINDING] !== undefined;
  }

  /** How many identifiers were declared so far. */
  get declaredCount(): number {
    return this.#declared.length;
  }

  /** Binds a declaring identifier (declared again, it keeps its place and takes the new binding, as a Map would). */
  declare(id: Node, b: Binding): void {
    if ((id as Tagged)[BINDING] === undefined) {
      this.#declared.push(id);
      this.#made.push(b);
    } else this.#rebound = true;
    (id as Tagged)[BINDING] = b;
  }

  /** Binds a reference; `references` then hands over the walk's list of them. */
  bindReference(id: Node, b: Binding): void {
    if ((id as Tagged)[BINDING] !== undefined) this.#rebound = true;
    (id as Tagged)[BINDING] = b;
  }

  references(ids: readonly Node[]): void {
    this.#references = ids;
  }

  /**
   * Each binding once, in the order `values()` first yields it. Two detectors ask it of every
   * file that names another module (lib/detect/export-escape.ts, liveness.ts): listing it from
   * the iterator cost them a set of every reference each time.
   */
  bindings(): readonly Binding[] {
    // The walk makes a binding only by declaring a name with it, each with a binding of its own:
    // unless a name was bound twice, the bindings declared are every binding, in that order.
    if (!this.#rebound) return this.#made;
    const seen = new Set<Binding>();
    for (const id of this.#declared) seen.add((id as Tagged)[BINDING]!);
    for (const id of this.#references) {
      const b = (id as Tagged)[BINDING];
      if (b !== undefined) seen.add(b);
    }
    return [...seen];
  }

  /** The identifiers bound to a binding `wanted` holds, in the order iteration lists them, each once. */
  identifiersOf(wanted: { has(b: Binding): boolean }): Node[] {
    const out: Node[] = [];
    for (const id of this.#declared) if (wanted.has((id as Tagged)[BINDING]!)) out.push(id);
    let seen: Set<Node> | undefined;
    for (const id of this.#references) {
      const b = (id as Tagged)[BINDING];
      if (b === undefined || !wanted.has(b)) continue;
      // The walk lists a reference once; the test is kept so the list is the iterator's whatever it hands over.
      if ((seen ??= new Set()).has(id)) continue;
      seen.add(id);
      out.push(id);
    }
    return out;
  }

  /** The declarations, then the bound references, each once, as a Map filled in that order would list them. */
  *[Symbol.iterator](): IterableIterator<[Node, Binding]> {
    for (const id of this.#declared) yield [id, (id as Tagged)[BINDING]!];
    yield* this.boundReferences();
  }

  /**
   * The bound references (no declaring identifier) of each binding, each once, in the walk's
   * order: what iterating `boundReferences` into a map gives, without an iterator result and a
   * pair per reference (lib/detect/open-callers.ts asks it of every file with a function).
   */
  referencesByBinding(): Map<Binding, Node[]> {
    const out = new Map<Binding, Node[]>();
    const seen = new Set<Node>();
    const references = this.#references;
    for (let i = 0; i < references.length; i++) {
      const id = references[i]!;
      const b = (id as Tagged)[BINDING];
      if (b === undefined || seen.has(id)) continue;
      seen.add(id);
      const list = out.get(b);
      if (list) list.push(id);
      else out.set(b, [id]);
    }
    return out;
  }

  *boundReferences(): IterableIterator<[Node, Binding]> {
    const seen = new Set<Node>();
    for (const id of this.#references) {
      const b = (id as Tagged)[BINDING];
      if (b === undefined || seen.has(id)) continue;
      seen.add(id);
      yield [id, b];
    }
  }

  *values(): IterableIterator<Binding> {
    for (const [, b] of this) yield b;
  }
}
