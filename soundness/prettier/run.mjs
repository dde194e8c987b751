import * as prettier from 'prettier';
import fs from 'node:fs';
import path from 'node:path';
const file = path.join(import.meta.dirname, 'input', 'ugly.js');
const options = await prettier.resolveConfig(file);
const out = await prettier.format(fs.readFileSync(file, 'utf8'), { ...options, filepath: file });
if (!out.includes("'")) throw new Error(out);
console.log('ok');
