'use strict';
const pino = require('pino');
const fs = require('node:fs');
const path = require('node:path');

const logFile = path.join(__dirname, 'logs', 'app.log');
const transport = pino.transport({ target: 'pino/file', options: { destination: logFile, mkdir: true } });
const logger = pino(transport);

logger.info({ user: 'ada' }, 'signed in');
// end() blocks until the worker has written everything; 'finish' follows on the next tick.
transport.on('finish', () => {
  const lines = fs.readFileSync(logFile, 'utf8').trim().split('\n');
  if (!lines.some((line) => JSON.parse(line).msg === 'signed in')) throw new Error('log line missing');
  console.log('ok');
});
transport.end();
