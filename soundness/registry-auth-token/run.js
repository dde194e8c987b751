const getAuthToken = require('registry-auth-token');
const token = getAuthToken('https://registry.npmjs.org/');
if (!token || token.token !== 'demo-token') throw new Error(JSON.stringify(token));
console.log('ok');
