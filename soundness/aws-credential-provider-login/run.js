const path = require('path');
// The profile names its login session; the cached token (valid until 2099, so no refresh over the network) is in input/cache.
process.env.AWS_CONFIG_FILE = path.join(__dirname, 'input', 'config');
process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(__dirname, 'input', 'credentials');
process.env.AWS_LOGIN_CACHE_DIRECTORY = path.join(__dirname, 'input', 'cache');
const { fromLoginCredentials } = require('@aws-sdk/credential-provider-login');
fromLoginCredentials({ profile: 'default' })().then((creds) => {
  if (creds.accessKeyId !== 'AKIDEMO' || creds.accountId !== '012345678901') throw new Error('login');
  console.log('ok');
});
