// A name that holds a CommonJS module's exports object: `var util = module.exports = require('./minimal')`
// (protobufjs), or `const jsonFile = require('./jsonfile'); …; module.exports = jsonFile` (fs-extra's
// lib/json). A member written on it (`jsonFile.outputJson = u(require('./output-json'))`) is an
// export of that name: the export table adds it (flow.ts addAliasMembers) and the escape search
// knows the write as followed (export-escape.ts).

import type { AnyNode, Node } from 'acorn';
import type { Binding, FileModel } from '../parse/index.js';
import { dotName } from '../parse/nodes.js';

/** `exports` or `module.exports`, the CommonJS globals (not a name the code declares). */
export function isExportsObject(a: AnyNode, model: FileModel): boolean {
  if (a.type === 'Identifier') return a.name === 'exports' && !model.bindingOf.has(a);
  return a.type === 'MemberExpression' && !a.computed && a.object.type === 'Identifier' && a.object.name === 'module' && dotName(a) === 'exports' && !model.bindingOf.has(a.object);
}

/** `module.exports = …` as an initialiser, with `module` the file's own. */
function isModuleExports(model: FileModel, init: Node | undefined): boolean {
  const a = init as AnyNode | undefined;
  return a?.type === 'AssignmentExpression' && a.operator === '=' && a.left.type === 'MemberExpression' && isExportsObject(a.left, model);
}

/**
 * Whether `b` holds the module's exports object for the whole run: never written again, and
 * either declared as `module.exports = …` or the very name `module.exports =` assigns.
 */
export function holdsExports(model: FileModel, b: Binding | undefined): boolean {
  if (!b || b.writes.length > 0 || b.pattern.length > 0 || model.kind !== 'cjs') return false;
  if (isModuleExports(model, b.init)) return true;
  const whole = model.exports.get('');
  return whole !== undefined && 'node' in whole && (whole.node as AnyNode).type === 'Identifier' && model.bindingOf.get(whole.node) === b;
}
