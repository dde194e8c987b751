const { loadConfig } = require('tsconfig-paths');
const config = loadConfig(__dirname);
if (config.resultType !== 'success' || !config.paths['@lib/*']) throw new Error(JSON.stringify(config));
console.log('ok');
