// As its README shows: fromFile(path), then tokens read from it, then close().
import { fromFile } from 'strtok3';
import path from 'node:path';
const tokenizer = await fromFile(path.join(import.meta.dirname, 'input', 'a.bin'));
const head = new Uint8Array(4);
await tokenizer.readBuffer(head);
const size = tokenizer.fileInfo.size;
await tokenizer.close();
if (new TextDecoder().decode(head) !== 'ABCD' || size !== 7) throw new Error(`${head} ${size}`);
console.log('ok');
