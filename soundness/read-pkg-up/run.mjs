import { readPackageUp } from 'read-pkg-up';
import path from 'node:path';
const found = await readPackageUp({ cwd: path.join(import.meta.dirname, 'input', 'sub') });
if (found?.packageJson.version !== '1.2.3') throw new Error('read-pkg-up');
console.log('ok');
