// As its README shows: npm's prefix, packages and binaries folders, yarn's and pnpm's. HOME is
// the measurement's empty home folder; a .npmrc written there names the prefix, as a user's
// would, so the package (which reads it when loaded) is imported after.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
const prefix = path.join(import.meta.dirname, 'input', 'prefix');
fs.writeFileSync(path.join(os.homedir(), '.npmrc'), `prefix=${prefix}\n`);
const { default: globalDirectory } = await import('global-directory');
if (globalDirectory.npm.prefix !== prefix || globalDirectory.npm.packages !== path.join(prefix, 'lib', 'node_modules')) throw new Error(JSON.stringify(globalDirectory.npm));
if (typeof globalDirectory.yarn.packages !== 'string' || typeof globalDirectory.pnpm.packages !== 'string') throw new Error(JSON.stringify(globalDirectory));
console.log('ok');
