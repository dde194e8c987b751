// As its README shows: facts about installed packages (mlly, installed with local-pkg) and the
// package.json above a folder, then a module imported by its resolved path.
import path from 'node:path';
import { getPackageInfo, getPackageInfoSync, importModule, isPackageExists, isPackageListed, loadPackageJSON, resolveModule } from 'local-pkg';
const sub = path.join(import.meta.dirname, 'input', 'app', 'sub');
if (!isPackageExists('mlly') || isPackageExists('not-installed-here')) throw new Error('exists');
const info = await getPackageInfo('mlly');
if (info.name !== 'mlly' || getPackageInfoSync('quansync')?.name !== 'quansync') throw new Error('info');
const file = resolveModule('./mod.mjs', { paths: [sub + '/'] });
if ((await importModule(file)).answer !== 42) throw new Error(file);
if ((await loadPackageJSON(sub)).name !== 'local-app' || !(await isPackageListed('mlly', sub))) throw new Error('listed');
console.log('ok');
