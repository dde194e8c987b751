module.exports = require('../index');
