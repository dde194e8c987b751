import { fileTypeFromFile } from 'file-type';
import path from 'node:path';
const type = await fileTypeFromFile(path.join(import.meta.dirname, 'input', 'a.png'));
if (type?.ext !== 'png') throw new Error('file-type');
console.log('ok');
