// wasi detector: feeds --allow-wasi. `new WASI()` throws ERR_ACCESS_DENIED without it
// (docs/node-facts.md#other-capabilities). Preopened folders are not modelled (their interaction is open, #not-determined there).

import type { Detector } from './context.js';

export const wasiDetector: Detector = {
  name: 'wasi',
  apis: { 'wasi.WASI': (call, sink) => sink.capability(call, 'wasi') },
};
