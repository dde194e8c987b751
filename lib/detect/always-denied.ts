// APIs the Permission Model denies whatever is granted (measured per version by
// scripts/measure-node-apis.mjs: fsync and fdatasync in every form, the fd-based fchmod,
// fchown and futimes, FileHandle's sync/datasync/chmod/chown/utimes on some lines, and
// process.binding). No policy can make such a call work, so each call site is reported with
// the workaround in its hint: an error where the app fails whenever the call runs, a warning
// where the failure is the code's to handle (a callback that receives it and does not throw it
// on, a `try` whose `catch` neither rethrows nor exits) or where the call runs only when an option turns it on (./option-branches.ts): pino's
// file destination fsyncs only with `fsync: true`, and an error there stopped `exec` from
// starting apps that work. The detector does not know the target: analyze() keeps the
// diagnostic only where the target's releases deny the API and says which (lib/policy/always-denied.ts).

import type { AnyNode, Function as FunctionNode, Node } from 'acorn';
import { diagnostic, type DeniedWorkaround, type DeniedUnless } from '../diagnostics/index.js';
import type { Handler, SinkCall } from './context.js';
import { givesUp } from './guards.js';

const families: Record<DeniedWorkaround, string[]> = {
  'skip-fsync': ['fsync', 'fdatasync', 'FileHandle.sync', 'FileHandle.datasync'],
  'path-variant': ['fchmod', 'fchown', 'futimes', 'FileHandle.chmod', 'FileHandle.chown', 'FileHandle.utimes'],
  'public-api': [],
};

/** How many arguments each fd-based API takes before its callback. */
const arity: Record<string, number> = { fsync: 1, fdatasync: 1, fchmod: 2, fchown: 3, futimes: 3 };

/**
 * The node callback form (`fs.fsync(fd, cb)`): Node hands the denial to the callback, it throws
 * nothing. Told by the argument count: `await fs.futimes(fd, a, m)` on a promisified fs (fs-extra's) has none.
 */
function isCallbackForm(call: SinkCall): boolean {
  const name = call.api.startsWith('fs.') ? call.api.slice(3) : undefined;
  const before = name !== undefined && Object.hasOwn(arity, name) ? arity[name]! : undefined;
  return before !== undefined && call.args.length > before && !callbackGivesUp(call.args[call.args.length - 1]!);
}

/**
 * A callback written at the call that throws or ends the process (`(err) => { if (err) throw err }`)
 * kills the app with the denial it receives (measured on 20, 22, 24, 26). One handed in from
 * elsewhere is not seen here, and stays the code's to handle.
 */
function callbackGivesUp(callback: Node): boolean {
  return (callback.type === 'ArrowFunctionExpression' || callback.type === 'FunctionExpression') && givesUp((callback as FunctionNode).body as AnyNode);
}

/** Why the app may live past the call's failure, if it may: what makes the diagnostic a warning. */
function unless(call: SinkCall): { unless: DeniedUnless; condition?: string } | undefined {
  if (isCallbackForm(call)) return { unless: 'callback' };
  if (call.survivesThrow?.()) return { unless: 'caught' };
  const condition = call.offByDefault?.();
  if (condition !== undefined) return { unless: 'option', condition };
  const caller = call.calledOnlyWhen?.();
  return caller === undefined ? undefined : { unless: 'caller', condition: caller };
}

function handler(workaround: DeniedWorkaround): Handler {
  return (call, sink) => {
    const why = unless(call);
    sink.diagnostic(diagnostic('API_ALWAYS_DENIED', why ? 'warning' : 'error', { api: call.api, on: '', workaround, ...why }, call.site));
  };
}

/** The canonical API names this detector answers for, each with its handler. */
export function alwaysDeniedApis(): Record<string, Handler> {
  const apis: Record<string, Handler> = {};
  for (const [workaround, names] of Object.entries(families) as [DeniedWorkaround, string[]][]) {
    for (const name of names) {
      if (name.startsWith('FileHandle.')) apis[`fs.${name}`] = handler(workaround);
      else for (const variant of [name, `${name}Sync`]) apis[`fs.${variant}`] = handler(workaround);
    }
  }
  apis['process.binding'] = handler('public-api');
  return apis;
}
