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

export const moduleDetector: Detector = {
  name: 'module',
  apis: { require: load('require'), 'import()': load('import') },
};
