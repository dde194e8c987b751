const { loadNycConfig } = require('@istanbuljs/load-nyc-config');
const path = require('path');
loadNycConfig({ cwd: path.join(__dirname, 'input') }).then((config) => {
  if (config.all !== true || config.reporter[0] !== 'text') throw new Error(JSON.stringify(config));
  console.log('ok');
});
