// `require` used as a value: handed to a function, stored in an object or a property, or
// returned (the parse stage lists those places, lib/parse/scope.ts). Passed to a function of
// the same file, it is followed: a parameter that function calls is evaluated through its
// callers and, where it is require, the call is a require (`loadWith(require, './a.js')`).
// Anywhere else, what is loaded through it cannot be known: the place where it escaped is
// reported (MODULE_LOADER_ESCAPED) as an unresolved module access. Aliases (`const r =
// require`) and reads (`typeof require`, `require.cache`, `require.resolve`) are not escapes.

import type { CallExpression, NewExpression, Node } from 'acorn';
import { alternatives, evaluate, siteOf, type Unknown, type Value } from '../evaluate/index.js';
import type { Binding, FileModel } from '../parse/index.js';
import type { PackageName } from '../types.js';
import { evaluateThroughCallers, type CallerContext } from './callers.js';
import type { DetectSink, SinkCall } from './context.js';

/** The require a called parameter is at the callers that bind it, else the parameter as it was. */
export function throughLoaderParameter(callee: Unknown, calleeNode: Node, fn: Node | undefined, ctx: CallerContext, base: ReadonlyMap<Binding, Value>): Value {
  const value = evaluateThroughCallers(calleeNode, fn, ctx, base);
  return alternatives(value).find((a) => a.k === 'require') ?? callee;
}

/** Reports each place where this CommonJS file's require escapes beyond what is followed. */
export function loaderEscapes(model: FileModel, ctx: CallerContext, sink: DetectSink, pkg: PackageName): void {
  if (model.kind !== 'cjs') return;
  const frame = { model, depth: 0 };
  for (const e of model.loaderEscapes ?? []) {
    if (e.how === 'argument' && followed(e.call as CallExpression | NewExpression, e.node, ctx)) continue;
    const site = siteOf(frame, ctx.env, e.node);
    const call: SinkCall = { api: 'require', args: [], isNew: false, site, package: pkg, file: model.file, arg: () => ({ k: 'nullish' }) };
    sink.loadsUnknown(call, { k: 'unknown', reason: 'loader-escaped', site }, { code: 'MODULE_LOADER_ESCAPED', how: e.how });
  }
}

/** Handed to a function of this file (whose calls of it are followed), or applied by Reflect.apply. */
function followed(call: CallExpression | NewExpression, arg: Node, ctx: CallerContext): boolean {
  const callee = evaluate(call.callee, { model: ctx.model, depth: 0 }, ctx.env);
  if (callee.k === 'fn') return callee.model === ctx.model;
  return callee.k === 'global' && callee.path.join('.') === 'Reflect.apply' && call.arguments[0] === arg;
}
