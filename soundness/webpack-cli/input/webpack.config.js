const path = require('path');
module.exports = { mode: 'development', devtool: false, entry: './src/index.js', output: { path: path.join(__dirname, 'out'), filename: 'bundle.js' } };
