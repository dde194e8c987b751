import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findUp, cjsRequire, tryExtensions, isPkgAvailable } from '@pkgr/core';
const deep = fileURLToPath(new URL('./input/deep', import.meta.url));
const rc = findUp(deep, { search: ['.prettierrc', '.prettierrc.json'] });
const helper = tryExtensions(path.join(deep, 'helper'));
if (!rc.endsWith('.prettierrc.json') || cjsRequire(rc).semi !== false || cjsRequire(helper) !== 'helper' || isPkgAvailable('no-such-pkg')) throw new Error('@pkgr/core');
console.log('ok');
