const { createJiti } = require('jiti');
const jiti = createJiti(__filename);
const mod = jiti('./input/mod.ts');
if (mod.answer !== 42) throw new Error(String(mod.answer));
console.log('ok');
