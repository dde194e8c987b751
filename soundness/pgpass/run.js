// As its README shows: pgpass(connInfo, cb) reads $HOME/.pgpass (HOME is the measurement's empty
// home folder; the app writes the file there first, mode 0600, as a user would).
const fs = require('fs');
const os = require('os');
const path = require('path');
const pgpass = require('pgpass');
fs.writeFileSync(path.join(os.homedir(), '.pgpass'), 'localhost:5432:db:me:s3cret\n', { mode: 0o600 });
pgpass({ host: 'localhost', port: 5432, database: 'db', user: 'me' }, (password) => {
  if (password !== 's3cret') throw new Error(String(password));
  console.log('ok');
});
