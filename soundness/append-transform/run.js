// As its README shows: a transform appended to require.extensions['.js'], then a require of a
// file of the app's; and one for '.txt', which has no extension of its own, so the default one
// (default-require-extensions/js) reads the file.
const path = require('path');
const appendTransform = require('append-transform');
const seen = [];
appendTransform((code, filename) => {
  seen.push(filename);
  return filename.endsWith('answer.js') ? code.replace("'plain'", "'transformed'") : code;
});
appendTransform((code) => `module.exports = ${JSON.stringify(code.trim())};`, '.txt');
if (require('./input/answer.js') !== 'transformed') throw new Error('.js');
if (require('./input/note.txt') !== 'plain text') throw new Error('.txt');
if (!seen.includes(path.join(__dirname, 'input', 'answer.js'))) throw new Error(seen.join());
console.log('ok');
