// As its README shows: hasYarn() of the working folder (no yarn.lock above it) and hasYarn(cwd)
// of a package below a folder with a yarn.lock (found up).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import hasYarn from 'has-yarn';
const here = path.dirname(fileURLToPath(import.meta.url));
if (hasYarn()) throw new Error('working folder');
if (!hasYarn(path.join(here, 'input', 'yarn-project', 'packages', 'a'))) throw new Error('found up');
console.log('ok');
