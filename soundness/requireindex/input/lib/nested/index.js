module.exports = { deep: require('./deep') };
