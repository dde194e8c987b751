const webpack = require('webpack');
const fs = require('fs');
const path = require('path');
const out = path.join(__dirname, 'out');
const config = { mode: 'development', devtool: false, context: __dirname, entry: './input/index.js', output: { path: out, filename: 'bundle.js' } };
webpack(config, (err, stats) => {
  if (err || stats.hasErrors()) throw err || new Error(stats.toString());
  if (!fs.readFileSync(path.join(out, 'bundle.js'), 'utf8').includes('hello ')) throw new Error('webpack');
  console.log('ok');
});
