const fs = require('fs');
const path = require('path');
fs.mkdirSync(path.dirname(process.argv[2]), { recursive: true });
fs.writeFileSync(process.argv[2], 'built');
