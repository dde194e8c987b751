// As its README shows: resolve(specifier, parentURL) like import.meta.resolve, on the disk (a
// relative file is not checked, as in Node; a package that is nowhere throws).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolve } from 'import-meta-resolve';
const parent = new URL('./input/', import.meta.url).href;
if (fileURLToPath(resolve('./lib/a.js', parent)) !== path.join(import.meta.dirname, 'input', 'lib', 'a.js')) throw new Error('relative');
const dep = fileURLToPath(resolve('import-meta-resolve', import.meta.url));
if (!dep.endsWith(path.join('import-meta-resolve', 'index.js'))) throw new Error(dep);
if (resolve('node:fs', parent) !== 'node:fs') throw new Error('builtin');
let missing;
try {
  resolve('missing-package', parent);
} catch (err) {
  missing = err.code;
}
if (missing !== 'ERR_MODULE_NOT_FOUND') throw new Error(`missing: ${missing}`);
console.log('ok');
