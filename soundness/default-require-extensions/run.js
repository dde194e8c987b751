// As its README shows, inside a require extension of the app's own: '.js' files of the input
// folder are compiled through default-require-extensions/js after a transform, and a '.json5'
// extension uses default-require-extensions/json on a JSON file.
const path = require('path');
const js = require('default-require-extensions/js');
const json = require('default-require-extensions/json');
const input = path.join(__dirname, 'input');
const previous = require.extensions['.js'];
require.extensions['.js'] = (module, filename) => {
  if (!filename.startsWith(input)) return previous(module, filename);
  const compile = module._compile;
  module._compile = (code, file) => {
    module._compile = compile;
    module._compile(code.replace("'plain'", "'extended'"), file);
  };
  js(module, filename);
};
require.extensions['.json5'] = json;
if (require('./input/answer.js') !== 'extended') throw new Error('.js');
if (require('./input/data.json5').answer !== 42) throw new Error('.json5');
console.log('ok');
