const postcssrc = require('postcss-load-config');
const path = require('path');
postcssrc({}, path.join(__dirname, 'input')).then((config) => {
  if (!config.file.endsWith('postcss.config.js') || config.options.map !== false) throw new Error('postcss-load-config');
  console.log('ok');
});
