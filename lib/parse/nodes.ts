// Small typed helpers over acorn's own node types (acorn's `AnyNode` union), for the few shapes
// its types cannot narrow: a walk over every child of a node, and the names of a member read
// with a dot and of a property key (acorn types both as any expression).

import type { AnyNode, Identifier, Literal, MemberExpression, Node, PrivateIdentifier } from 'acorn';

/** A syntax node, among the values of another node's keys. */
export function isNode(v: unknown): v is AnyNode {
  return !!v && typeof v === 'object' && typeof (v as { type?: unknown }).type === 'string';
}

/**
 * The keys of each node type that can hold nodes, in the order acorn sets them, which is the
 * order `for…in` enumerates them (test/child-keys.test.ts checks both agree on every node of
 * the repository's JavaScript). A `for…in` over every node shape made V8 drop the optimized
 * code of the walks that used it ("wrong map"): the member-copy walk's largest cost.
 */
export const CHILD_KEYS: Readonly<Record<string, readonly string[]>> = {
  Identifier: [],
  Literal: [],
  ThisExpression: [],
  TemplateElement: [],
  ArrayExpression: ['elements'],
  ArrayPattern: ['elements'],
  ArrowFunctionExpression: ['id', 'params', 'body'],
  AssignmentExpression: ['left', 'right'],
  AssignmentPattern: ['left', 'right'],
  AwaitExpression: ['argument'],
  BinaryExpression: ['left', 'right'],
  BlockStatement: ['body'],
  BreakStatement: ['label'],
  CallExpression: ['callee', 'arguments'],
  CatchClause: ['param', 'body'],
  ChainExpression: ['expression'],
  ClassBody: ['body'],
  ClassDeclaration: ['id', 'superClass', 'body'],
  ClassExpression: ['id', 'superClass', 'body'],
  ConditionalExpression: ['test', 'consequent', 'alternate'],
  ContinueStatement: ['label'],
  DebuggerStatement: [],
  DoWhileStatement: ['body', 'test'],
  EmptyStatement: [],
  ExportAllDeclaration: ['exported', 'source', 'attributes'],
  ExportDefaultDeclaration: ['declaration'],
  ExportNamedDeclaration: ['declaration', 'specifiers', 'source', 'attributes'],
  ExportSpecifier: ['local', 'exported'],
  ExpressionStatement: ['expression'],
  ForInStatement: ['left', 'right', 'body'],
  ForOfStatement: ['left', 'right', 'body'],
  ForStatement: ['init', 'test', 'update', 'body'],
  FunctionDeclaration: ['id', 'params', 'body'],
  FunctionExpression: ['id', 'params', 'body'],
  IfStatement: ['test', 'consequent', 'alternate'],
  ImportAttribute: ['key', 'value'],
  ImportDeclaration: ['specifiers', 'source', 'attributes'],
  ImportDefaultSpecifier: ['local'],
  ImportExpression: ['source', 'options'],
  ImportNamespaceSpecifier: ['local'],
  ImportSpecifier: ['imported', 'local'],
  LabeledStatement: ['body', 'label'],
  LogicalExpression: ['left', 'right'],
  MemberExpression: ['object', 'property'],
  MetaProperty: ['meta', 'property'],
  MethodDefinition: ['key', 'value'],
  NewExpression: ['callee', 'arguments'],
  ObjectExpression: ['properties'],
  ObjectPattern: ['properties'],
  PrivateIdentifier: [],
  Program: ['body'],
  Property: ['key', 'value'],
  PropertyDefinition: ['key', 'value'],
  RestElement: ['argument'],
  ReturnStatement: ['argument'],
  SequenceExpression: ['expressions'],
  SpreadElement: ['argument'],
  StaticBlock: ['body'],
  Super: [],
  SwitchCase: ['consequent', 'test'],
  SwitchStatement: ['discriminant', 'cases'],
  TaggedTemplateExpression: ['tag', 'quasi'],
  TemplateLiteral: ['expressions', 'quasis'],
  ThrowStatement: ['argument'],
  TryStatement: ['block', 'handler', 'finalizer'],
  UnaryExpression: ['argument'],
  UpdateExpression: ['argument'],
  VariableDeclaration: ['declarations'],
  VariableDeclarator: ['id', 'init'],
  WhileStatement: ['test', 'body'],
  WithStatement: ['object', 'body'],
  YieldExpression: ['argument'],
};

/** The keys of `node` that may hold child nodes, in for…in's order (a type not in CHILD_KEYS: all its keys). */
export function childKeysOf(node: AnyNode): readonly string[] {
  return CHILD_KEYS[node.type] ?? Object.keys(node);
}

/** Calls `visit` with each child node of `node`, in the order of its keys and of each array. */
export function forEachChild(node: AnyNode, visit: (child: AnyNode) => void): void {
  const fields = node as unknown as Record<string, unknown>;
  // Indexed loops, not for…of: every walk of every file comes through here, and until V8 has
  // optimised a walk each for…of step allocated an iterator result (docs/benchmarks.md, perf-18).
  const keys = childKeysOf(node);
  for (let k = 0; k < keys.length; k++) {
    const v = fields[keys[k]!];
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (isNode(v[i])) visit(v[i] as AnyNode);
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
  const keys = childKeysOf(node);
  for (let k = 0; k < keys.length; k++) {
    const v = fields[keys[k]!];
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (isNode(v[i]) && test(v[i] as AnyNode)) return true;
    } else if (isNode(v) && test(v)) return true;
  }
  return false;
}

/**
 * The ancestors of `target` in the tree under `root`, outermost first, found by position;
 * undefined when it is not there (a node of a code string's tree, placed at its call). A
 * descent by position costs the depth of the node, where a walk of the tree to find what
 * encloses a few nodes costs every node of the file (lib/detect/option-branches.ts,
 * platform-guards.ts, export-escape.ts ask so).
 */
export function ancestorsOf(root: AnyNode, target: Node): AnyNode[] | undefined {
  const path: AnyNode[] = [];
  let cur: AnyNode | undefined = root;
  while (cur && cur !== target) {
    path.push(cur);
    cur = childHolding(cur, target);
  }
  return cur ? path : undefined;
}

/** The child of `node` whose range holds `target` (`target` itself first: a shorthand property's key and value share one range). */
function childHolding(node: AnyNode, target: Node): AnyNode | undefined {
  const fields = node as unknown as Record<string, unknown>;
  let holding: AnyNode | undefined;
  for (const key of childKeysOf(node)) {
    const v = fields[key];
    if (Array.isArray(v)) {
      const found = elementHolding(v, target);
      if (found === target) return found;
      holding ??= found;
    } else if (isNode(v) && v.start <= target.start && target.end <= v.end) {
      if (v === target) return v;
      holding ??= v;
    }
  }
  return holding;
}

/** The element of a list of nodes (in source order) whose range holds `target`: a binary search, then a scan of its neighbours. */
function elementHolding(list: readonly unknown[], target: Node): AnyNode | undefined {
  let lo = 0;
  let hi = list.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = list[mid];
    if (!isNode(e)) return list.find((x): x is AnyNode => isNode(x) && x.start <= target.start && target.end <= x.end);
    if (e.start <= target.start) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // Elements that share a start (a shorthand pattern) lie just before.
  for (let i = at; i >= 0 && i >= at - 2; i--) {
    const e = list[i];
    if (isNode(e) && e.start <= target.start && target.end <= e.end) return e;
  }
  return undefined;
}
