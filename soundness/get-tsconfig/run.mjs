import { getTsconfig } from 'get-tsconfig';
import path from 'node:path';
const found = getTsconfig(path.join(import.meta.dirname, 'input', 'src'));
if (!found || found.config.compilerOptions.strict !== true) throw new Error('tsconfig');
console.log('ok');
