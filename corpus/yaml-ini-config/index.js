'use strict';
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');
const ini = require('ini');

const configDir = path.join(__dirname, 'config');
const readConfig = (name) => fs.readFileSync(path.join(configDir, name), 'utf8');

const app = YAML.parse(readConfig('app.yaml'));
const database = ini.parse(readConfig('database.ini'));
if (app.server.port !== 8080 || database.primary.host !== 'db.local') throw new Error('unexpected configuration');
console.log('ok');
