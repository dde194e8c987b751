module.exports = 'deep';
