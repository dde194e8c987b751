const { foregroundChild } = require('foreground-child');
foregroundChild(process.execPath, ['-e', 'console.log("ok")']);
