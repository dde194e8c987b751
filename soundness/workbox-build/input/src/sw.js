// The service worker's source: its precache list is written where the manifest placeholder stands.
const manifest = self.__WB_MANIFEST;
self.addEventListener('install', () => console.log(manifest.length));
