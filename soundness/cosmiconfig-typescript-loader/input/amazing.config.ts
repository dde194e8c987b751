type Mode = 'sync' | 'async';
const mode: Mode = 'sync';
module.exports = { mode };
