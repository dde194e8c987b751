import registryUrl from 'registry-url';
if (registryUrl('@demo') !== 'https://npm.example.test/') throw new Error('registry-url');
console.log('ok');
