const { loadSharedConfigFiles } = require('@smithy/shared-ini-file-loader');
const path = require('path');
loadSharedConfigFiles({
  filepath: path.join(__dirname, 'input', 'credentials'),
  configFilepath: path.join(__dirname, 'input', 'config'),
}).then(({ configFile, credentialsFile }) => {
  if (configFile.default.region !== 'eu-west-1' || credentialsFile.default.aws_access_key_id !== 'AKIDEMO') throw new Error('ini');
  console.log('ok');
});
