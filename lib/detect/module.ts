// module detector: code the app loads. require(), import(), createRequire(...)() and
// require of a .node file (which also needs --allow-addons) become module requests that the
// graph stage resolves and follows; require.resolve() is resolved the same way, loading nothing. Static import/export-from edges come from the parse stage.

import type { Detector, Handler } from './context.js';

const load =
  (kind: 'require' | 'import'): Handler =>
  (call, sink) => {
    if (call.args.length === 0) return;
    sink.moduleValue(call, call.arg(0), kind);
  };

/**
 * require.resolve(x) reads what resolving x reads (package.json files, and where a missing
 * package would be) without loading it. With `{ paths }` it resolves from folders the options
 * name, which are not followed.
 */
const resolveOnly: Handler = (call, sink) => {
  if (call.args.length !== 1) return;
  sink.moduleValue(call, call.arg(0), 'resolve');
};

export const moduleDetector: Detector = {
  name: 'module',
  apis: { require: load('require'), 'import()': load('import'), 'require.resolve': resolveOnly },
};
