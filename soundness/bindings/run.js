// A package in input/addon loads its addon through bindings: first its path, then the addon
// itself (a stand-in, so the dlopen fails with an ELF error once the file is found). Its loader
// is required by file, not by folder: a folder's require reads its package.json, which would
// cover bindings' own check of it by chance.
const path = require('path');
const addon = require('./input/addon/lib');
const where = addon.where();
if (where !== path.join(__dirname, 'input', 'addon', 'build', 'Release', 'hello.node')) throw new Error(where);
try {
  addon.load();
  throw new Error('loaded');
} catch (e) {
  if (!/ELF|invalid|too short/i.test(e.message)) throw e;
}
console.log('ok');
