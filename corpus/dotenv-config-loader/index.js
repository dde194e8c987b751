'use strict';
require('dotenv').config({ quiet: true });
// config reads NODE_ENV when it is first required, so it must come after dotenv.
const config = require('config');

const db = config.get('db');
if (process.env.API_TOKEN !== 'dev-token' || db.host !== 'db.internal' || db.pool !== 4) {
  throw new Error(`unexpected configuration: ${JSON.stringify(db)}`);
}
console.log('ok');
