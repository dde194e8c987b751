// As its README shows: resolvePath finds a module from this file, resolveModuleExportNames reads
// it for its exports, isValidNodeImport checks it, and loadModule reads and evaluates it.
import { resolvePath, resolveModuleExportNames, isValidNodeImport, loadModule } from 'mlly';
const file = await resolvePath('./input/a.mjs', { url: import.meta.url });
const names = await resolveModuleExportNames(file);
if (!names.includes('name')) throw new Error(names.join());
if (!(await isValidNodeImport(file))) throw new Error('valid');
const mod = await loadModule(file);
if (mod.default !== 'dep') throw new Error('load');
console.log('ok');
