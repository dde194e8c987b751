const path = require('path');
process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(__dirname, 'input', 'credentials');
process.env.AWS_CONFIG_FILE = path.join(__dirname, 'input', 'config');
const { fromIni } = require('@aws-sdk/credential-provider-ini');
fromIni({ profile: 'default' })().then((creds) => {
  if (creds.accessKeyId !== 'AKIDEMO') throw new Error('ini');
  console.log('ok');
});
