// A bundler's module table: webpack (and bundlers shaped like it) put each module in an object
// of functions, `{ "fs": (module) => { module.exports = require("fs"); }, 147: (e) => {…} }`,
// and load one with `__webpack_require__("fs")` (minified: `n(147)`). A module the bundle left
// external is an entry whose whole body hands a `require(…)` to `module.exports`: calling the
// loader with its key is that module, so `__webpack_require__("fs").readFileSync(p)` is an fs
// call. Only files whose text has `.exports = require(` are looked at (mentionsModuleTable in lib/parse/index.ts).

import type { ArrowFunctionExpression, CallExpression, FunctionExpression, Literal, Node, Property } from 'acorn';
import * as walk from 'acorn-walk';
import { memo, memoKey, mentionsModuleTable, type FileModel } from '../parse/index.js';
import { dotName } from '../parse/nodes.js';

const tablesKey = memoKey<Map<string, Node>>('module table externals');

/** The `require(…)` call an external entry hands to `module.exports`, when that is what the function does. */
function externalRequire(fn: FunctionExpression | ArrowFunctionExpression): Node | undefined {
  const first = fn.params[0];
  // The one statement of the body, directives aside; an arrow's expression body is that statement.
  const body = fn.body.type === 'BlockStatement' ? fn.body.body.filter((s) => !(s.type === 'ExpressionStatement' && s.directive)) : undefined;
  const e = !body ? fn.body : body.length === 1 && body[0].type === 'ExpressionStatement' ? body[0].expression : undefined;
  if (!first || first.type !== 'Identifier' || !e || e.type !== 'AssignmentExpression' || e.operator !== '=') return undefined;
  const left = e.left;
  if (left.type !== 'MemberExpression' || left.computed || dotName(left) !== 'exports' || left.object.type !== 'Identifier' || left.object.name !== first.name) return undefined;
  const right = e.right;
  const isRequire = right.type === 'CallExpression' && right.callee.type === 'Identifier' && right.callee.name === 'require' && right.arguments.length === 1 && right.arguments[0].type === 'Literal';
  return isRequire ? right : undefined;
}

/** Every external entry of the file's module tables, by key. */
function externalsOf(model: FileModel): Map<string, Node> {
  return memo(model, tablesKey, () => {
    const found = new Map<string, Node>();
    walk.simple(model.ast, {
      ObjectExpression(node) {
        const props = node.properties;
        if (props.length < 2 || !props.every((p): p is Property => p.type === 'Property' && !p.computed && /^(Arrow)?FunctionExpression$/.test(p.value.type))) return;
        for (const p of props) {
          const required = externalRequire(p.value as FunctionExpression | ArrowFunctionExpression);
          if (required) found.set(p.key.type === 'Identifier' ? p.key.name : String((p.key as Literal).value), required);
        }
      },
    });
    return found;
  });
}

/** `loader(key)` where key names an external entry of a module table in the file: that entry's `require(…)`. */
export function moduleTableRequire(model: FileModel, node: Node): Node | undefined {
  const call = node as CallExpression;
  if (call.arguments.length !== 1 || call.callee.type !== 'Identifier') return undefined;
  const key = call.arguments[0];
  if (key.type !== 'Literal' || (typeof key.value !== 'string' && typeof key.value !== 'number') || !mentionsModuleTable(model)) return undefined;
  return externalsOf(model).get(String(key.value));
}
