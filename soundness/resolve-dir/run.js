// As its README shows: a local folder unchanged, ~ the home folder, @ the global npm modules folder.
const os = require('os');
const path = require('path');
const resolve = require('resolve-dir');
if (resolve('a') !== 'a') throw new Error('a');
if (resolve('~/foo') !== path.join(os.homedir(), 'foo')) throw new Error(resolve('~/foo'));
const global = resolve('@/foo');
if (!path.isAbsolute(global) || path.basename(global) !== 'foo') throw new Error(global);
console.log('ok');
