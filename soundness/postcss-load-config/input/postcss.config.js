module.exports = { map: false, plugins: [] };
