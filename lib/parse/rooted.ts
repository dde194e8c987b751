// Which package an expression comes from, judged by the code alone: how the variable at its
// root was imported. Models that work on values rather than calls (commander's `opts()`,
// multer's factory for `req.file.path`) use it to tell the package's objects from others with
// methods of the same name (`JSON.parse`, another library's `.option()`), and the detect stage
// records for a modelled method call whether its receiver is. It reads only the scope walk's
// bindings, so it sits in the parse stage, below both detect and models.

import type { AnyNode, CallExpression, Identifier, Literal, Node } from 'acorn';
import type { Binding, FileModel } from './index.js';

/** `pkg` itself or a subpath of it (`yargs/yargs`). */
const ofPackage = (specifier: string | undefined, pkg: string) => specifier !== undefined && (specifier === pkg || specifier.startsWith(pkg + '/'));

const isRequireOf = (n: AnyNode | undefined, pkg: string) =>
  n?.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments[0]?.type === 'Literal' && ofPackage(String(n.arguments[0].value), pkg);

/**
 * The export of `pkg` an expression names, as a model's `calls` key (`""` for the module
 * itself, `"diskStorage"`), when its variable was bound by `require('pkg')` or an import from
 * it (destructuring included); undefined for anything else.
 */
export function exportPath(file: FileModel, expr: Node, pkg: string): string | undefined {
  const names: string[] = [];
  let e = expr as AnyNode;
  for (; e.type === 'MemberExpression' && !e.computed; e = e.object) names.unshift((e.property as Identifier).name);
  if (e.type !== 'Identifier') return undefined;
  const b = file.bindingOf.get(e);
  if (!b) return undefined;
  if (b.kind === 'import') {
    if (b.importSource !== pkg) return undefined;
    if (b.importName !== 'default' && b.importName !== '*') names.unshift(b.importName!);
    return names.join('.');
  }
  if (!isRequireOf(b.init as AnyNode | undefined, pkg) || ((b.init as CallExpression).arguments[0] as Literal).value !== pkg || b.writes.length > 0) return undefined;
  const steps = b.pattern.map((s) => ('key' in s ? s.key : undefined));
  if (steps.some((s) => s === undefined)) return undefined;
  return [...(steps as string[]), ...names].join('.');
}

/**
 * True when the value of `expr` is made from `pkg`: a chain of calls, `new` and members that
 * starts at something imported from the package (or a subpath), possibly through `const`
 * variables: `yargs(hideBin(argv)).option(…).parse()`, `program` from `require('commander')`,
 * `const cmd = new Command()`. A parameter, `this` or a global is not.
 */
export function rootedIn(file: FileModel, expr: Node, pkg: string): boolean {
  // Chains are walked in a loop, not counted: a program with a dozen `.option(…)` calls before
  // `.command(…)` is one chain (a bound of 20 steps missed it). Variables are followed once each,
  // which ends a loop of them (`var a = a.b()`) whatever its length.
  const seen = new Set<Binding>();
  let e = expr as AnyNode;
  for (;;) {
    switch (e.type) {
      case 'CallExpression':
      case 'NewExpression':
        e = e.callee as AnyNode;
        continue;
      case 'MemberExpression':
        e = e.object as AnyNode;
        continue;
      case 'ChainExpression':
      case 'ParenthesizedExpression':
      case 'AwaitExpression':
        e = (e.type === 'AwaitExpression' ? e.argument : e.expression) as AnyNode;
        continue;
      case 'Identifier': {
        const b = file.bindingOf.get(e);
        if (!b || seen.has(b)) return false;
        seen.add(b);
        if (b.kind === 'import') return ofPackage(b.importSource, pkg);
        if (b.kind !== 'const' && b.kind !== 'let' && b.kind !== 'var') return false;
        if (b.writes.length > 0 || !b.init) return false;
        if (isRequireOf(b.init as AnyNode, pkg)) return true;
        e = b.init as AnyNode;
        continue;
      }
      default:
        return false;
    }
  }
}
