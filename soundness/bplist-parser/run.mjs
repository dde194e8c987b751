// As its README shows: parseFile of a binary plist as a promise, with a callback, and
// parseFileSync.
import path from 'node:path';
import { parseFile, parseFileSync } from 'bplist-parser';
const file = path.join(import.meta.dirname, 'input', 'a.plist');
const [byPromise] = await parseFile(file);
if (byPromise.a !== 'b') throw new Error('promise');
const [byCallback] = await new Promise((resolve, reject) => parseFile(file, (err, obj) => (err ? reject(err) : resolve(obj))));
if (byCallback.a !== 'b') throw new Error('callback');
if (parseFileSync(file)[0].a !== 'b') throw new Error('sync');
console.log('ok');
