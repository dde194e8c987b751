// As its README shows: executable() (a promise) of a script with its execute bits and of a plain
// file, executable.sync() of each, and checkMode of a mode read here.
const fs = require('fs');
const path = require('path');
const executable = require('executable');
const tool = path.join(__dirname, 'input', 'tool.sh');
const data = path.join(__dirname, 'input', 'data.txt');
(async () => {
  if ((await executable(tool)) !== true || (await executable(data)) !== false) throw new Error('promise');
  if (executable.sync('input/tool.sh') !== true || executable.sync(data) !== false) throw new Error('sync');
  if (!executable.checkMode(fs.statSync(tool).mode)) throw new Error('checkMode');
  console.log('ok');
})().catch((error) => { console.error(error); process.exit(1); });
