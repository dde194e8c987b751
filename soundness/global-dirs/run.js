// As its README shows: npm.prefix and friends, yarn's folders. HOME is the measurement's empty
// home folder; a .npmrc written there names the prefix, as a user's would.
const fs = require('fs');
const os = require('os');
const path = require('path');
const prefix = path.join(__dirname, 'input', 'prefix');
fs.writeFileSync(path.join(os.homedir(), '.npmrc'), `prefix=${prefix}\n`);
const globalDirs = require('global-dirs');
if (globalDirs.npm.prefix !== prefix || globalDirs.npm.packages !== path.join(prefix, 'lib', 'node_modules')) throw new Error(JSON.stringify(globalDirs.npm));
if (typeof globalDirs.yarn.packages !== 'string') throw new Error(JSON.stringify(globalDirs.yarn));
console.log('ok');
