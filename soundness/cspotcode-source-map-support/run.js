require('@cspotcode/source-map-support').install();
const { fail } = require('./input/compiled.js');
try { fail(); } catch (e) {
  if (!String(e.stack).includes('original.ts')) throw new Error(e.stack);
}
console.log('ok');
