// As commitlint's API docs show: load() from a project folder whose commitlint.config.mjs extends
// a file beside it (found by cosmiconfig's search, then resolved and imported), then load() of a
// file given by name.
import path from 'node:path';
import load from '@commitlint/load';
const proj = path.join(import.meta.dirname, 'input', 'proj');
const config = await load({}, { cwd: proj });
if (config.rules['type-enum']?.[2]?.[0] !== 'feat' || config.rules['subject-case']?.[2] !== 'lower-case') throw new Error(JSON.stringify(config.rules));
const named = await load({}, { cwd: proj, file: 'configs/strict.json' });
if (named.rules['header-max-length']?.[2] !== 50) throw new Error(JSON.stringify(named.rules));
console.log('ok');
