// As its README shows: the default gateway, which on Linux it reads from `ip r` (a child started
// through execa, looked up on PATH). A machine with no IPv6 route answers that one with a throw.
import { gateway4async, gateway4sync, gateway6async } from 'default-gateway';
const four = await gateway4async();
if (!four.gateway || gateway4sync().gateway !== four.gateway) throw new Error(JSON.stringify(four));
await gateway6async().catch((err) => {
  if (!/Unable to determine/.test(err.message)) throw err;
});
console.log('ok');
