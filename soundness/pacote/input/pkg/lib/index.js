module.exports = 'pkg';
