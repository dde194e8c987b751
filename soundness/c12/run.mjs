// As its README shows: load the `app` configuration of a folder: app.config.ts (run through
// jiti), the layer it extends, .apprc.json and the folder's .env.
import path from 'node:path';
import { loadConfig } from 'c12';
const cwd = path.join(import.meta.dirname, 'input', 'app');
const { config, layers } = await loadConfig({ name: 'app', cwd, dotenv: true, rcFile: '.apprc.json', globalRc: false });
if (config.port !== 3000 || config.debug !== true || layers.length < 2) throw new Error(JSON.stringify(config));
if (process.env.APP_SECRET_NAME !== 'demo') throw new Error('dotenv');
console.log('ok');
