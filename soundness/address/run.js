// As its README shows: the DNS servers from /etc/resolv.conf (or a file given), as a callback
// and as a promise, the IPv4 address, and a MAC address: the loopback's is all zeros, so address
// asks `/sbin/ifconfig` through the shell, which may not be installed (an error then).
const path = require('path');
const address = require('address');
const { dns } = require('address/promises');
const file = path.join(__dirname, 'input', 'resolv.conf');
address.dns((err) => {
  if (err && err.code !== 'ENOENT') throw err;
  address.dns(file, async (err2, servers) => {
    if (err2 || servers.join() !== '10.0.0.53,10.0.0.54') throw err2 || new Error(servers.join());
    if ((await dns(file)).length !== 2 || !address.ip()) throw new Error('ip');
    address.mac('lo', () => console.log('ok'));
  });
});
