import { readPackageSync } from 'read-pkg';
import path from 'node:path';
const pkg = readPackageSync({ cwd: path.join(import.meta.dirname, 'input') });
if (pkg.name !== 'demo') throw new Error('read-pkg');
console.log('ok');
