// As its README shows: resolveModulePath with `from`, extensions and suffixes; createResolver's
// resolver; an installed package through its exports map; a built-in by URL; `try` on a miss.
import path from 'node:path';
import { resolveModulePath, resolveModuleURL, createResolver } from 'exsolve';
const input = path.join(import.meta.dirname, 'input');
const from = new URL('./input/', import.meta.url);
const a = resolveModulePath('./lib/a', { from, extensions: ['.mjs', '.js'] });
if (a !== path.join(input, 'lib', 'a.js')) throw new Error(a);
const { resolveModulePath: resolve } = createResolver({ suffixes: ['', '/index'], extensions: ['.js'], from });
if (resolve('./lib') !== path.join(input, 'lib', 'index.js')) throw new Error('index');
const dep = resolveModulePath('exsolve', { from: import.meta.url });
if (!dep.endsWith(path.join('exsolve', 'dist', 'index.mjs'))) throw new Error(dep);
if (resolveModuleURL('node:fs') !== 'node:fs') throw new Error('builtin');
if (resolveModulePath('./missing', { from, try: true }) !== undefined) throw new Error('missing');
console.log('ok');
