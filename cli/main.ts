#!/usr/bin/env node
// generate-flags' entry: raises V8's optimising thresholds for this process (tier-up.ts), turns
// Node's compile cache on for the tool's own code (compile-cache.ts), then loads the CLI itself
// (dispatch.ts), whose modules the cache then serves. Only Node's built-in modules, tier-up.ts
// and compile-cache.ts are loaded before it, so that nothing else is compiled outside the cache.

import { enableToolCompileCache } from './compile-cache.js';
import { optimiseHotCodeOnly } from './tier-up.js';

optimiseHotCodeOnly();
enableToolCompileCache(process.argv.slice(2), process.env);
await import('./dispatch.js');
