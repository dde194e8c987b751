'use strict';
const { createHash } = require('node:crypto');

module.exports = ({ text }) => createHash('sha256').update(text).digest('hex');
