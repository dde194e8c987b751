// As its README shows: a pool on a CommonJS worker file (its default export, then named
// handlers, one reading a file beside it), and a second pool on an ES module worker named by a
// file URL.
const path = require('path');
const { pathToFileURL } = require('url');
const Piscina = require('piscina');
(async () => {
  const piscina = new Piscina({ filename: path.resolve(__dirname, 'input', 'worker.js'), maxThreads: 2 });
  if ((await piscina.run({ a: 4, b: 6 })) !== 10) throw new Error('run');
  if ((await piscina.run({ a: 1, b: 2 }, { name: 'add' })) !== 3) throw new Error('add');
  if ((await piscina.run(null, { name: 'readNote' })) !== 'from the worker') throw new Error('readNote');
  await piscina.destroy();
  const esm = new Piscina({ filename: pathToFileURL(path.join(__dirname, 'input', 'worker.mjs')).href, maxThreads: 1 });
  if ((await esm.run({ a: 4, b: 6 })) !== 24) throw new Error('esm');
  await esm.destroy();
  console.log('ok');
})().catch((error) => { console.error(error); process.exit(1); });
