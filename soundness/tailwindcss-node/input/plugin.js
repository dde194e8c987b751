module.exports = function ({ addUtilities }) {
  addUtilities({ '.demo': { color: 'red' } });
};
