// As its README shows: require a module as if from another folder (a plugin beside a config),
// and the silent form, which gives undefined for one that is not there.
const path = require('path');
const importFrom = require('import-from');
const lib = path.join(__dirname, 'input', 'lib');
if (importFrom(lib, './plugin').answer !== 42) throw new Error('plugin');
if (importFrom.silent(lib, './missing') !== undefined) throw new Error('missing');
console.log('ok');
