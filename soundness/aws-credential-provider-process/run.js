const fs = require('fs');
const path = require('path');
const config = path.join(__dirname, 'input', 'config');
fs.writeFileSync(config, `[default]\ncredential_process = ${process.execPath} ${path.join(__dirname, 'input', 'creds.js')}\n`);
process.env.AWS_CONFIG_FILE = config;
process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(__dirname, 'input', 'credentials');
fs.writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE, '');
const { fromProcess } = require('@aws-sdk/credential-provider-process');
fromProcess({ profile: 'default' })().then((creds) => {
  if (creds.accessKeyId !== 'AKIDEMO') throw new Error('process');
  console.log('ok');
});
