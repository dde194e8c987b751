// As gulp-cli and webpack-cli use it: pick the loader for the config's extension, then require the config.
const rechoir = require('rechoir');
const interpret = require('interpret');
const path = require('path');
const config = path.join(__dirname, 'input', 'config.json5');
rechoir.prepare(interpret.extensions, config);
if (require(config).name !== 'config') throw new Error('rechoir');
console.log('ok');
