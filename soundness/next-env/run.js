const { loadEnvConfig } = require('@next/env');
const path = require('path');
loadEnvConfig(path.join(__dirname, 'input'), false, { info() {}, error: console.error });
if (process.env.GREETING !== 'hello' || process.env.GREETING_LOCAL !== 'local') throw new Error('@next/env');
console.log('ok');
