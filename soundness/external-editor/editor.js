// The "editor": appends a line to the file it is given, as a user would.
const fs = require('fs');
fs.appendFileSync(process.argv[2], 'edited\n');
