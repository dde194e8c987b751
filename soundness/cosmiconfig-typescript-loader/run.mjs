// As its README shows: cosmiconfig with TypeScriptLoader() for '.ts', searching a project folder
// (up from its src/ to its package.json) whose .soundnessrc.ts imports a TypeScript file, then TypeScriptLoaderSync and
// explorer.load of a named config file.
import path from 'node:path';
import { cosmiconfig, cosmiconfigSync } from 'cosmiconfig';
import { TypeScriptLoader, TypeScriptLoaderSync } from 'cosmiconfig-typescript-loader';
const input = path.join(import.meta.dirname, 'input');
const explorer = cosmiconfig('soundness', { searchStrategy: 'project', loaders: { '.ts': TypeScriptLoader() } });
const found = await explorer.search(path.join(input, 'project', 'src'));
if (found?.config.answer !== 42 || found.filepath !== path.join(input, 'project', '.soundnessrc.ts')) throw new Error(JSON.stringify(found));
const sync = cosmiconfigSync('soundness', { loaders: { '.ts': TypeScriptLoaderSync() } });
const loaded = sync.load(path.join(input, 'amazing.config.ts'));
if (loaded.config.mode !== 'sync') throw new Error(JSON.stringify(loaded));
console.log('ok');
