import createImportFresh from 'import-fresh';
const importFresh = createImportFresh(import.meta.url);
const a = await importFresh('./input/counter.cjs');
const b = await importFresh('./input/counter.cjs');
if (a === b) throw new Error('cached');
console.log('ok');
