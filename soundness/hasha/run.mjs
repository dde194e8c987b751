// As its README shows: the hash of a file, async (hasha reads it in a worker thread of its own)
// and sync, and of a string; all three agree.
import path from 'node:path';
import { hash, hashFile, hashFileSync } from 'hasha';
const file = path.join(import.meta.dirname, 'input', 'data.txt');
const async = await hashFile(file, { algorithm: 'sha256' });
if (async !== hashFileSync(file, { algorithm: 'sha256' }) || async !== (await hash('some bytes to hash\n', { algorithm: 'sha256' }))) throw new Error(async);
console.log('ok');
