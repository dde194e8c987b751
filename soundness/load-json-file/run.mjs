// As its README shows: loadJsonFile (promise) and loadJsonFileSync, the first with a BOM.
import { loadJsonFile, loadJsonFileSync } from 'load-json-file';
import path from 'node:path';
const dir = path.join(import.meta.dirname, 'input');
const a = await loadJsonFile(path.join(dir, 'a.json'));
const b = loadJsonFileSync(path.join(dir, 'b.json'), { beforeParse: (s) => s.trim() });
if (a.name !== 'a' || b.name !== 'b') throw new Error('load-json-file');
console.log('ok');
