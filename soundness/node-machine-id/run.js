// As its README shows: machineIdSync() hashed and original (it starts a shell that reads the
// dbus and systemd machine-id files, or asks hostname), then machineId() (a promise).
const { machineId, machineIdSync } = require('node-machine-id');
const hashed = machineIdSync();
const original = machineIdSync(true);
if (!/^[0-9a-f]{64}$/.test(hashed) || !original) throw new Error(hashed);
machineId().then((id) => {
  if (id !== hashed) throw new Error(id);
  console.log('ok');
});
