import { fileFromSync, blobFrom, createTemporaryBlob } from 'fetch-blob/from.js';
import { fileURLToPath } from 'node:url';
const file = fileURLToPath(new URL('./input/a.txt', import.meta.url));
const a = await (await blobFrom(file, 'text/plain')).text();
const b = await fileFromSync(file).text();
const t = await createTemporaryBlob('temp\n', { type: 'text/plain' });
if (a !== 'hello\n' || b !== a || (await t.text()) !== 'temp\n') throw new Error('fetch-blob');
console.log('ok');
