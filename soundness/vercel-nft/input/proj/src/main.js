const path = require('path');
const fs = require('fs');
const dep = require('../vendor/dep');
const second = require('./second');
module.exports = () => fs.readFileSync(path.join(__dirname, '../data/config.json'), 'utf8') + dep + second;
