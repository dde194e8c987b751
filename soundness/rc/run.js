const path = require('path');
process.chdir(__dirname);
const conf = require('rc')('demo', { name: 'default' }, {});
if (conf.name !== 'demo' || conf.config !== path.join(__dirname, '.demorc')) throw new Error('rc');
console.log('ok');
