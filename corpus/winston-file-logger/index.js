'use strict';
const winston = require('winston');
const fs = require('node:fs');
const path = require('node:path');

const logDir = path.join(__dirname, 'logs');
const logger = winston.createLogger({
  level: 'info',
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  transports: [new winston.transports.File({ dirname: logDir, filename: 'combined.log' })],
});

logger.info('order placed', { order: 42 });
logger.on('finish', () => {
  // The transport finishes its stream a moment after the logger itself.
  setTimeout(() => {
    const text = fs.readFileSync(path.join(logDir, 'combined.log'), 'utf8');
    if (!text.includes('order placed')) throw new Error('log line missing');
    console.log('ok');
  }, 100);
});
logger.end();
