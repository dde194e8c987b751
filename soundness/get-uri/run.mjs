import { getUri } from 'get-uri';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
const stream = await getUri(pathToFileURL(path.join(import.meta.dirname, 'input', 'a.txt')));
let body = '';
for await (const chunk of stream) body += chunk;
if (body !== 'alpha\n') throw new Error(body);
console.log('ok');
