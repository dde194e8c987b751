module.exports = function (source) { return String(source).toUpperCase(); };
