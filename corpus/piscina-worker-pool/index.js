'use strict';
const { Piscina } = require('piscina');
const path = require('node:path');

const pool = new Piscina({ filename: path.resolve(__dirname, 'hash.js'), maxThreads: 2 });

(async () => {
  const digests = await Promise.all(['a', 'b', 'c'].map((text) => pool.run({ text })));
  await pool.destroy();
  if (digests.length !== 3 || digests.some((d) => d.length !== 64)) throw new Error('bad digests');
  console.log('ok');
})();
