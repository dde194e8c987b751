// addons detector: feeds --allow-addons. Loading a .node file (require/import of it,
// process.dlopen) fails with ERR_DLOPEN_DISABLED without the flag; the .node file itself needs
// no read grant (dlopen is not fs-checked, docs/node-facts.md#addons). `bindings` and `node-gyp-build` are the
// usual loaders; their own code is analysed like any dependency.

import { diagnostic } from '../diagnostics/index.js';
import type { Detector, Handler } from './context.js';

const addon: Handler = (call, sink) => sink.capability(call, 'addons');

/**
 * node:ffi (26) opens native libraries only with --allow-ffi (measured on 26.10: "Use
 * --allow-ffi"), which the policy does not grant: the call is reported, not left to fail silently.
 */
const ffi: Handler = (call, sink) => sink.diagnostic(diagnostic('CAPABILITY_NOT_GRANTED', 'error', { api: call.api, flag: '--allow-ffi' }, call.site));

export const addonDetector: Detector = {
  name: 'addons',
  apis: {
    'process.dlopen': addon,
    'pkg:bindings': addon,
    'pkg:node-gyp-build': addon,
    'pkg:node-gyp-build-optional-packages': addon,
    'pkg:prebuild-install': addon,
    'ffi.dlopen': ffi,
    'ffi.DynamicLibrary': ffi,
  },
};
