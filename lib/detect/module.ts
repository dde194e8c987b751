// module detector: code the app loads. require(), import(), createRequire(...)() and
// require of a .node file (which also needs --allow-addons) become module requests that the
// graph stage resolves and follows; require.resolve() is resolved the same way, loading nothing. Static import/export-from edges come from the parse stage.
// The other doors into the loader are rows here too: module.require, require.main.require
// (from the main module), Module._load, Module.prototype.require, process.getBuiltinModule,
// and module.register (its hooks file is code Node loads). A require made by createRequire for
// a base that does not fold is reported where it is called (lib/detect/index.ts).
// https://nodejs.org/api/modules.html, https://nodejs.org/api/module.html

import { isBuiltin } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { alternatives, unknown, type Unknown, type Value } from '../evaluate/index.js';
import type { Site } from '../types.js';
import type { Detector, Handler } from './context.js';

const load =
  (kind: 'require' | 'import'): Handler =>
  (call, sink) => {
    if (call.args.length === 0) return;
    sink.moduleValue(call, call.arg(0), kind);
  };

/**
 * `m.require(x)` on a module object made with `new Module(id)` (require-relative): Node resolves
 * x from the instance's `filename` (or the working folder when it has none), not from the file
 * that calls it, and the analysis does not follow what the instance is given. A relative or bare
 * request cannot be placed: reported at the call (before, it was resolved from the calling file,
 * which granted that package's own `./index.js` and left the app's silent). An absolute path or
 * a built-in loads what it names. `Module.prototype.require.call(module, x)` has no instance.
 */
const instanceRequire: Handler = (call, sink) => {
  if (call.args.length === 0) return;
  const request = call.arg(0);
  const placed = !call.calleeCause || alternatives(request).every((a) => a.k === 'str' && (path.isAbsolute(a.v) || isBuiltin(a.v)));
  sink.moduleValue(call, placed ? request : unknownRequest(request, namedCause(call.calleeCause!, request), call.site), 'require');
};

/** The instance's cause named after the request when that is known, so the report says which module (`(./some-module)`). */
function namedCause(cause: Unknown, request: Value): Unknown {
  const names = alternatives(request).flatMap((a) => (a.k === 'str' ? [a.v] : []));
  return names.length > 0 ? { ...cause, name: names.join(', ') } : cause;
}

/** require.main.require(x) resolves from the main module, whichever file calls it. */
const fromMain: Handler = (call, sink) => {
  if (call.args.length === 0) return;
  sink.moduleValue(call, call.arg(0), 'require', call.main);
};

/**
 * process.getBuiltinModule(name): the name's module is loaded (a built-in needs no grant). A call
 * on a built-in whose name is not known (`calleeCause`) is where it acts: reported there.
 */
const builtinModule: Handler = (call, sink) => {
  if (call.calleeCause) sink.moduleValue(call, call.calleeCause, 'require');
  else if (call.args.length > 0) sink.moduleValue(call, call.arg(0), 'require');
};

/** The file a `file:` URL or a path names; undefined for anything else. */
function fileOf(v: Value | undefined): string | undefined {
  const s = v?.k === 'url' ? v.href : v?.k === 'str' ? v.v : undefined;
  if (s === undefined) return undefined;
  if (!s.startsWith('file:')) return s.startsWith('/') ? s : undefined;
  try {
    return fileURLToPath(s);
  } catch {
    return undefined;
  }
}

/**
 * module.register(specifier, parentURL | { parentURL }): the hooks module, resolved from the
 * parent. The hooks run on a loader thread, which is a worker: without --allow-worker,
 * register() throws ERR_ACCESS_DENIED (measured on 20.20.2, 22.23.3, 24.21.0, 26.10.0).
 */
const register: Handler = (call, sink) => {
  if (call.args.length === 0) return;
  sink.capability(call, 'worker');
  const second = call.args.length > 1 ? call.arg(1) : undefined;
  const parent = second?.k === 'obj' ? second.props.get('parentURL') : second;
  sink.moduleValue(call, call.arg(0), 'import', fileOf(parent) ?? call.file);
};

/**
 * require.resolve(x) reads what resolving x reads (package.json files, and where a missing
 * package would be) without loading it. With `{ paths }` it resolves from folders the options
 * name, which are not followed.
 */
const resolveOnly: Handler = (call, sink) => {
  if (call.args.length === 0) return;
  const paths = call.args.length > 1 ? pathsOption(call.arg(1), call.site) : undefined;
  if (!paths) return sink.moduleValue(call, call.arg(0), 'resolve');
  // `{ paths }`: from each folder named, as from a file in it; a list that does not fold is reported.
  if (paths.k !== 'arr') return sink.moduleValue(call, unknownRequest(call.arg(0), paths, call.site), 'resolve');
  for (const dir of paths.items) {
    if (dir.k === 'str') sink.moduleValue(call, call.arg(0), 'resolve', path.join(dir.v, 'noop.js'));
    else sink.moduleValue(call, unknownRequest(call.arg(0), dir, call.site), 'resolve');
  }
};

/** The `paths` of require.resolve's options: undefined when there are none (resolved from the caller). */
function pathsOption(options: Value, site: Site): Value | undefined {
  if (options.k === 'nullish') return undefined;
  if (options.k !== 'obj') return options.k === 'unknown' ? options : unknown('not-a-string', site);
  const paths = options.props.get('paths');
  return !paths || paths.k === 'nullish' ? undefined : paths;
}

/** What to report for a request whose base does not fold: the request's own unknown when it has one, else the base's. */
function unknownRequest(request: Value, base: Value, site: Site): Value {
  if (alternatives(request).some((a) => a.k === 'unknown' || a.k === 'prefix')) return request;
  return base.k === 'unknown' ? base : unknown('not-a-string', site);
}

/**
 * Module._resolveFilename(id, parent) (resolve-from, resolve-cwd, import-local): Node's resolver,
 * which require.resolve calls, from the parent module's file. A parent whose `filename` folds is
 * the base; otherwise the request cannot be placed and is reported, with the request's own
 * unknown when it has one, else the base's.
 */
const resolveFromParent: Handler = (call, sink) => {
  const request = call.arg(0);
  const parent = call.arg(1);
  const base = parent.k === 'obj' ? (parent.props.get('filename') ?? { k: 'nullish' }) : parent;
  if (base.k === 'str') return sink.moduleValue(call, request, 'resolve', base.v);
  sink.moduleValue(call, unknownRequest(request, base, call.site), 'resolve');
};

export const moduleDetector: Detector = {
  name: 'module',
  apis: {
    require: load('require'),
    'import()': load('import'),
    'module.require': load('require'),
    'require.main.require': fromMain,
    'module._load': load('require'),
    'module.Module._load': load('require'),
    'module.prototype.require': instanceRequire,
    'module.Module.prototype.require': instanceRequire,
    'process.getBuiltinModule': builtinModule,
    'module.register': register,
    // The same doors through the main module and a module's constructor (which is Module).
    'process.mainModule.require': fromMain,
    'module.constructor._load': load('require'),
    'module.constructor.prototype.require': instanceRequire,
    'require.resolve': resolveOnly,
    'module._resolveFilename': resolveFromParent,
    'module.Module._resolveFilename': resolveFromParent,
  },
};
