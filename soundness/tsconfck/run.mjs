// As its README shows: the tsconfig.json that applies to a file (found walking up), parsed with
// its extends and references; all tsconfig.json files below a folder; find with a cache.
import path from 'node:path';
import { find, findAll, parse, TSConfckCache } from 'tsconfck';
const input = path.join(import.meta.dirname, 'input');
const file = path.join(input, 'src', 'b.ts');
const found = await find(file);
if (found !== path.join(input, 'tsconfig.json')) throw new Error(found);
const { tsconfig, referenced } = await parse(file);
if (tsconfig.compilerOptions.strict !== true || referenced?.length !== 1) throw new Error(JSON.stringify(tsconfig));
const all = await findAll(input);
if (all.length !== 2) throw new Error(all.join());
const cache = new TSConfckCache();
if ((await find(path.join(input, 'src', 'nested', 'a.ts'), { cache })) !== path.join(input, 'src', 'nested', 'tsconfig.json')) throw new Error('cache');
console.log('ok');
