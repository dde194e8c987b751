// As its README shows: detect the package manager of the project above a folder, by its lock
// file and its package.json's packageManager field.
import path from 'node:path';
import { detect } from 'package-manager-detector/detect';
const cwd = path.join(import.meta.dirname, 'input', 'proj', 'sub');
const stopDir = path.join(import.meta.dirname, 'input');
const byLock = await detect({ cwd, stopDir, strategies: ['lockfile'] });
if (byLock?.name !== 'pnpm') throw new Error(JSON.stringify(byLock));
const byField = await detect({ cwd, stopDir, strategies: ['packageManager-field', 'devEngines-field'] });
if (byField?.name !== 'pnpm' || byField.version !== '9.1.0') throw new Error(JSON.stringify(byField));
const none = await detect({ cwd: stopDir, stopDir });
if (none !== null) throw new Error(JSON.stringify(none));
console.log('ok');
