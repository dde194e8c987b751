// inspector detector: feeds --allow-inspector (24+). On 20, 22 and 23 the inspector cannot be
// allowed under the Permission Model at all; the policy stage reports that (docs/node-facts.md#other-capabilities).

import type { Detector, Handler } from './context.js';

const inspector: Handler = (call, sink) => sink.capability(call, 'inspector');

export const inspectorDetector: Detector = {
  name: 'inspector',
  apis: {
    'inspector.open': inspector,
    'inspector.Session': inspector,
    'inspector.waitForDebugger': inspector,
    'inspector.promises.open': inspector,
    'inspector.promises.Session': inspector,
    'inspector.promises.waitForDebugger': inspector,
  },
};
