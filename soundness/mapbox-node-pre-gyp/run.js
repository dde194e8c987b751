// The addon in input/addon finds its binding with node-pre-gyp and loads it (a stand-in file).
const fs = require('fs');
const addon = require('./input/addon');
if (!fs.existsSync(addon.bindingPath) || !(addon.loaded instanceof Error)) throw new Error(addon.bindingPath);
console.log('ok');
