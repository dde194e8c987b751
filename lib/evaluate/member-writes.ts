// The plain member writes of each variable of a file (`o.m = v`), for member reads of an object
// the variable holds: less's lessc makes `var sourceMapOptions = {}` and fills it from the
// command line, and the object literal alone says none of those members.

import type { Node } from 'acorn';
import { memo, memoKey, type Binding, type FileModel } from '../parse/index.js';

type MemberWrite = Node & { left: Node & { object: Node; property: Node & { name: string } }; right: Node };

const writesByBinding = memoKey<ReadonlyMap<Binding, readonly MemberWrite[]>>('member writes by variable');
const none: ReadonlyMap<Binding, readonly MemberWrite[]> = new Map();

/** `o.m = v` (not computed, plain `=`) anywhere in the file, by the variable `o` names. */
export function memberWritesOf(model: FileModel): ReadonlyMap<Binding, readonly MemberWrite[]> {
  return writesBy(model, writesByBinding, (b) => b.kind !== 'param' && b.kind !== 'import');
}

const writesByParam = memoKey<ReadonlyMap<Binding, readonly MemberWrite[]>>('member writes by parameter');

/**
 * `o.m = v` on a parameter `o`, by the parameter: what a function writes onto an object handed to
 * it (`function setD(o) { o.file = p1 }`), for the caller's later reads of that object's members.
 */
export function paramMemberWritesOf(model: FileModel): ReadonlyMap<Binding, readonly MemberWrite[]> {
  return writesBy(model, writesByParam, (b) => b.kind === 'param');
}

/** The file's plain member writes grouped by the binding written onto, for the bindings `keep` takes; once per file and key. */
function writesBy(model: FileModel, key: typeof writesByBinding, keep: (b: Binding) => boolean): ReadonlyMap<Binding, readonly MemberWrite[]> {
  if (model.staticWrites.length === 0) return none;
  return memo(model, key, () => {
    const out = new Map<Binding, MemberWrite[]>();
    for (const w of model.staticWrites as MemberWrite[]) {
      const b = model.bindingOf.get(w.left.object);
      if (!b || !keep(b)) continue;
      const list = out.get(b);
      if (list) list.push(w);
      else out.set(b, [w]);
    }
    return out;
  });
}
