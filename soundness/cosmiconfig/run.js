const { cosmiconfigSync } = require('cosmiconfig');
const result = cosmiconfigSync('demo').search(__dirname);
if (!result || result.config.level !== 3) throw new Error(JSON.stringify(result));
console.log('ok');
