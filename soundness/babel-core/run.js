// As its README shows (Babel 6): transformFileSync of a file below a folder whose .babelrc
// drops comments (found walking up from the file), transformFile (callback) of a file whose
// folder's package.json has a "babel" key (compact), and transform of code in memory.
const path = require('path');
const babel = require('babel-core');
const result = babel.transformFileSync(path.join(__dirname, 'input', 'src', 'a.js'));
if (result.code.includes('comment') || !result.code.includes('answer = 42')) throw new Error(result.code);
babel.transformFile(path.join(__dirname, 'input', 'pkg', 'b.js'), { sourceMaps: true }, (error, again) => {
  if (error) throw error;
  if (!again.code.startsWith('const b=1;') || again.map.sources[0] !== 'b.js') throw new Error(again.code);
  if (!babel.transform('var x = 1; // c', { comments: false }).code.startsWith('var x = 1;')) throw new Error('transform');
  console.log('ok');
});
