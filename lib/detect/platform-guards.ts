// Calls that cannot run on the machine the analysis assumes: under `if (process.platform ===
// 'win32')`, in `case 'darwin':` of a `switch (process.platform)`, behind `isWin && …` or in the
// other arm of `process.arch === 'x64' ? … : …`. A native package's loader requires the package
// or `.node` file of each platform this way; only the branch of the target machine can run, so
// the others need nothing and are not reported (their packages are not installed). A condition
// the evaluator cannot fold (`isMusl()`) keeps both branches. Only files whose text names
// `platform` or `arch` are looked at (mentionsPlatform in lib/parse/index.ts).

import type { AnyNode, Node, SwitchCase, SwitchStatement } from 'acorn';
import * as walk from 'acorn-walk';
import { evaluate, truthOf, type EvalEnv, type Frame, type Value } from '../evaluate/index.js';
import { memo, memoKey, type FileModel } from '../parse/index.js';

/** A call runs only if `test` is `want`, or only if the switch reaches case `index`. */
type Condition = { test: Node; want: boolean } | { switch: SwitchStatement; index: number };

const conditionsKey = memoKey<Map<Node, Condition[]>>('platform conditions');

function conditionsOf(model: FileModel): Map<Node, Condition[]> {
  return memo(model, conditionsKey, () => {
    const found = new Map<Node, Condition[]>();
    const visit = (node: Node, ancestors: Node[]) => {
      const conditions = conditionsAbove(ancestors);
      if (conditions.length > 0) found.set(node, conditions);
    };
    walk.ancestor(model.ast, { CallExpression: visit, NewExpression: visit, ImportExpression: visit });
    return found;
  });
}

/** The conditions each enclosing branch puts on `node`, innermost first. */
function conditionsAbove(ancestors: Node[]): Condition[] {
  const out: Condition[] = [];
  for (let i = ancestors.length - 2; i >= 0; i--) {
    const parent = ancestors[i] as AnyNode;
    const child = ancestors[i + 1];
    if ((parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') && child !== parent.test) {
      out.push({ test: parent.test, want: child === parent.consequent });
    } else if (parent.type === 'LogicalExpression' && child === parent.right && parent.operator !== '??') {
      out.push({ test: parent.left, want: parent.operator === '&&' });
    } else if (parent.type === 'SwitchCase') {
      const statement = ancestors[i - 1] as AnyNode;
      if (statement?.type === 'SwitchStatement' && child !== parent.test) out.push({ switch: statement, index: statement.cases.indexOf(parent) });
    }
  }
  return out;
}

/** Whether a switch can reach case `index`: its test or one falling through into it may match. */
function switchReaches(statement: SwitchStatement, index: number, value: (n: Node) => Value): boolean {
  const discriminant = value(statement.discriminant);
  const matches = (c: SwitchCase): boolean | undefined => {
    if (!c.test) return undefined;
    const test = value(c.test);
    if (discriminant.k !== 'str' && discriminant.k !== 'num') return undefined;
    if (test.k !== 'str' && test.k !== 'num') return undefined;
    return test.v === discriminant.v;
  };
  const cases = statement.cases;
  if (!cases[index]!.test) return !cases.some((c) => matches(c) === true);
  for (let i = index; i >= 0; i--) {
    if (matches(cases[i]!) !== false) return true;
    // An earlier case falls through into this one only when it ends without leaving the switch.
    const body = cases[i - 1]?.consequent;
    const last = body?.[body.length - 1];
    if (!body || (last && /^(Break|Return|Throw|Continue)Statement$/.test(last.type))) return false;
  }
  return false;
}

/** True when `call` sits in a branch that cannot run on the platform `env` assumes. */
export function deadOnPlatform(model: FileModel, call: Node, env: EvalEnv): boolean {
  const conditions = conditionsOf(model).get(call);
  if (!conditions) return false;
  const frame: Frame = { model, depth: 0 };
  const value = (n: Node) => evaluate(n, frame, env);
  return conditions.some((c) => ('test' in c ? truthOf(value(c.test)) === !c.want : !switchReaches(c.switch, c.index, value)));
}
