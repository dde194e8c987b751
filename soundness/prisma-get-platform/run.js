// As Prisma's engines use it: the platform's distribution, libc and OpenSSL, and the binary
// target they name (it reads /etc/os-release and starts ldd and openssl, or reads libssl's name).
const { getPlatformInfo, getBinaryTargetForCurrentPlatform, getos } = require('@prisma/get-platform');
(async () => {
  const os = await getos();
  const info = await getPlatformInfo();
  const target = await getBinaryTargetForCurrentPlatform();
  if (os.platform !== 'linux' || !info.binaryTarget || typeof target !== 'string') throw new Error(JSON.stringify(info));
  console.log('ok');
})();
