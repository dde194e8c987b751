// A package in input/addon loads its addon through bindings: first its path, then the addon
// itself (a stand-in, so the dlopen fails with an ELF error once the file is found).
const path = require('path');
const addon = require('./input/addon');
const where = addon.where();
if (where !== path.join(__dirname, 'input', 'addon', 'build', 'Release', 'hello.node')) throw new Error(where);
try {
  addon.load();
  throw new Error('loaded');
} catch (e) {
  if (!/ELF|invalid|too short/i.test(e.message)) throw e;
}
console.log('ok');
