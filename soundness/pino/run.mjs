// As its README shows: a logger on pino.destination(file), and one on a transport (pino/file, in a
// worker thread) writing into a folder it makes.
import pino from 'pino';
import fs from 'node:fs';
import path from 'node:path';
const logs = path.join(import.meta.dirname, 'logs');
const dest = pino.destination({ dest: path.join(logs, 'app.log'), sync: true });
pino(dest).info('hello');
const transport = pino.transport({ target: 'pino/file', options: { destination: path.join(logs, 'worker', 'app.log'), mkdir: true } });
const logger = pino(transport);
logger.info('world');
await new Promise((resolve) => logger.flush(resolve));
transport.end();
const a = fs.readFileSync(path.join(logs, 'app.log'), 'utf8');
const b = fs.readFileSync(path.join(logs, 'worker', 'app.log'), 'utf8');
if (!a.includes('hello') || !b.includes('world')) throw new Error('pino');
console.log('ok');
