// As its README shows: require('@babel/register') with options, then require a file it compiles
// with the babel.config.json of its root (input/), whose plugin is a file there. The compiled
// code is cached in a file it writes when the process exits.
const path = require('path');
require('@babel/register')({ root: path.join(__dirname, 'input'), cwd: path.join(__dirname, 'input'), only: [/input[\\/]src/] });
if (require('./input/src/answer') !== 42) throw new Error('compile');
console.log('ok');
