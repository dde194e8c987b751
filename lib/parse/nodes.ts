// Small typed helpers over acorn's own node types (acorn's `AnyNode` union), for the few shapes
// its types cannot narrow: a walk over every child of a node, and the names of a member read
// with a dot and of a property key (acorn types both as any expression).

import type { AnyNode, Identifier, Literal, MemberExpression, PrivateIdentifier } from 'acorn';

/** A syntax node, among the values of another node's keys. */
export function isNode(v: unknown): v is AnyNode {
  return !!v && typeof v === 'object' && typeof (v as { type?: unknown }).type === 'string';
}

/** Calls `visit` with each child node of `node`, in the order of its keys and of each array. */
export function forEachChild(node: AnyNode, visit: (child: AnyNode) => void): void {
  const fields = node as unknown as Record<string, unknown>;
  for (const key in fields) {
    const v = fields[key];
    if (Array.isArray(v)) {
      for (const x of v) if (isNode(x)) visit(x);
    } else if (isNode(v)) visit(v);
  }
}

/** What a non-computed property key names: an identifier's name or a literal's value (`{ a: 1, 'b': 2 }`). */
export function keyName(key: AnyNode): Literal['value'] | undefined {
  return key.type === 'Identifier' ? key.name : key.type === 'Literal' ? key.value : undefined;
}

/** The name of a member read with a dot (`a.b`, `a.#b`); the caller has checked `!computed`. */
export function dotName(member: MemberExpression): string {
  return (member.property as Identifier | PrivateIdentifier).name;
}

/** Whether `test` holds for a child node of `node`, trying them in forEachChild's order and stopping at the first. */
export function someChild(node: AnyNode, test: (child: AnyNode) => boolean): boolean {
  const fields = node as unknown as Record<string, unknown>;
  for (const key in fields) {
    const v = fields[key];
    if (Array.isArray(v)) {
      for (const x of v) if (isNode(x) && test(x)) return true;
    } else if (isNode(v) && test(v)) return true;
  }
  return false;
}
