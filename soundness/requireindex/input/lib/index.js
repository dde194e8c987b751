// The README's index.js: every sibling by its basename.
module.exports = require('requireindex')(__dirname);
