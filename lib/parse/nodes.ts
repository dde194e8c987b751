// Small typed helpers over acorn's own node types (acorn's `AnyNode` union), for the few shapes
// its types cannot narrow: a walk over every child of a node, and the names of a member read
// with a dot and of a property key (acorn types both as any expression).

import type { AnyNode, Identifier, Literal, MemberExpression, PrivateIdentifier } from 'acorn';

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
  for (const key of childKeysOf(node)) {
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
  for (const key of childKeysOf(node)) {
    const v = fields[key];
    if (Array.isArray(v)) {
      for (const x of v) if (isNode(x) && test(x)) return true;
    } else if (isNode(v) && test(v)) return true;
  }
  return false;
}
