// module detector: code the app loads. require(), import(), createRequire(...)() and
// require of a .node file (which also needs --allow-addons) become module requests that the
// graph stage resolves and follows. Static import/export-from edges come from the parse stage.

import type { Detector, Handler } from './context.js';

const load =
  (kind: 'require' | 'import'): Handler =>
  (call, sink) => {
    if (call.args.length === 0) return;
    sink.moduleValue(call, call.arg(0), kind);
  };

/**
 * `module.register(specifier, parentURL)`: loads the hooks module, and runs it on a hooks thread
 * that needs --allow-worker (measured on 20.20, 22.23, 24.21 and 26.10: "Use --allow-worker").
 */
const register: Handler = (call, sink) => {
  if (call.args.length === 0) return;
  sink.capability(call, 'worker');
  sink.moduleValue(call, call.arg(0), 'import');
};

export const moduleDetector: Detector = {
  name: 'module',
  apis: { require: load('require'), 'import()': load('import'), 'module.register': register },
};
