// The worker: a writable stream that appends to the file named in workerData.
const fs = require('fs');
module.exports = ({ dest }) => fs.createWriteStream(dest, { flags: 'a' });
