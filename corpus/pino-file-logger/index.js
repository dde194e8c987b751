'use strict';
const pino = require('pino');
const fs = require('node:fs');
const path = require('node:path');

const logFile = path.join(__dirname, 'logs', 'app.log');
const logger = pino({ level: 'info' }, pino.destination({ dest: logFile, mkdir: true, sync: true }));

logger.info({ job: 'import' }, 'started');
logger.warn({ rows: 3 }, 'slow batch');
logger.flush();

const lines = fs.readFileSync(logFile, 'utf8').trim().split('\n');
if (!lines.some((line) => JSON.parse(line).msg === 'slow batch')) throw new Error('log line missing');
console.log('ok');
