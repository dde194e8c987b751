require('dotenv').config({ quiet: true });
if (process.env.GREETING !== 'hello') throw new Error('not loaded');
console.log('ok');
