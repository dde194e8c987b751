module.exports = 'second';
