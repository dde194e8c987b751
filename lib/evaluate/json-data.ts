// Data the app ships as JSON: `for (const f of require('./files.json'))` and
// `JSON.parse(fs.readFileSync(path.join(__dirname, 'manifest.json')))` read a file that is
// there at analysis time, so its content is folded like a literal (each use is recorded as a
// `json-data` assumption: the file can change after the policy is made). Only files inside the
// project, of bounded size; the evaluator never reads them itself (EvalHooks.jsonData).

import * as path from 'node:path';
import type { AnyNode } from 'acorn';
import type { Site } from '../types.js';
import type { EvalEnv, Evaluate, Frame } from './env.js';
import { str, unknown, type Value } from './value.js';

/** Larger files are not folded: data that big is not a list of paths written by hand. */
export const MAX_JSON_DATA_BYTES = 64 * 1024;
const MAX_JSON_DEPTH = 6;
const MAX_JSON_ITEMS = 256;

/** A parsed JSON value as an abstract value; too deep or too long parts are unknown. */
export function jsonValue(data: unknown, site: Site, depth = 0): Value {
  if (typeof data === 'string') return str(data);
  if (typeof data === 'number') return { k: 'num', v: data };
  if (typeof data === 'boolean') return { k: 'bool', v: data };
  if (data === null) return { k: 'nullish' };
  if (depth >= MAX_JSON_DEPTH) return unknown('depth-limit', site);
  if (Array.isArray(data)) {
    if (data.length > MAX_JSON_ITEMS) return unknown('depth-limit', site);
    return { k: 'arr', items: data.map((x) => jsonValue(x, site, depth + 1)) };
  }
  if (typeof data === 'object') {
    const entries = Object.entries(data as Record<string, unknown>);
    if (entries.length > MAX_JSON_ITEMS) return unknown('depth-limit', site);
    return { k: 'obj', props: new Map(entries.map(([k, v]) => [k, jsonValue(v, site, depth + 1)])) };
  }
  return unknown('not-a-string', site);
}

/**
 * `JSON.parse(fs.readFileSync(p, …))` (or `await fs.promises.readFile(p)`): the content of p, when
 * it is the app's JSON file. `evaluate` is the evaluator this is called from (index.ts).
 */
export function parsedJson(arg: AnyNode | undefined, frame: Frame, env: EvalEnv, site: Site, evaluate: Evaluate): Value {
  let read = arg;
  while (read && (read.type === 'AwaitExpression' || read.type === 'ParenthesizedExpression')) read = read.type === 'AwaitExpression' ? read.argument : read.expression;
  if (read?.type !== 'CallExpression' || read.arguments.length === 0 || !env.hooks.jsonData) return unknown('call-result', site);
  const callee = evaluate(read.callee, frame, env);
  const api = callee.k === 'builtin' && callee.module === 'fs' ? callee.path.join('.') : '';
  if (api !== 'readFileSync' && api !== 'promises.readFile') return unknown('call-result', site);
  const file = evaluate(read.arguments[0], frame, env);
  if (file.k !== 'str') return unknown('call-result', site);
  // A relative name is read from the working folder: assumed, as everywhere.
  if (!path.isAbsolute(file.v)) env.hooks.assume({ kind: 'cwd', value: env.facts.runCwd, site });
  return env.hooks.jsonData(path.resolve(env.facts.runCwd, file.v), site) ?? unknown('call-result', site);
}
