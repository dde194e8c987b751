// wasi detector: feeds --allow-wasi. `new WASI()` throws ERR_ACCESS_DENIED without it
// (facts §8). Preopened folders are not modelled (facts §15 leaves their interaction open).

import type { Detector } from './context.js';

export const wasiDetector: Detector = {
  name: 'wasi',
  apis: { 'wasi.WASI': (call, sink) => sink.capability(call, 'wasi') },
};
