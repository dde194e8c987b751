// Every way code names code: static, dynamic, worker, fork, createRequire, URLs.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { fork } from 'node:child_process';
import * as self from './module-requests.mjs';
export * from 'dep';
export { default as d } from './lib/a.js';
const require = createRequire(import.meta.url);
require('./lib/a.js');
require(`./lib/${'a'}.js`);
await import('dep/sub/path.js');
await import(new URL('./lib/a.js', import.meta.url).href);
new Worker(new URL('./lib/a.js', import.meta.url), { eval: false });
new Worker('require("fs")', { eval: true });
fork(new URL('./lib/a.js', import.meta.url));
import.meta.resolve?.('dep');
export default self;
