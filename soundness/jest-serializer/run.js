// As its README shows: a value written to a file with v8's serialiser and read back.
const fs = require('fs');
const path = require('path');
const serializer = require('jest-serializer').default;
const out = path.join(__dirname, 'out');
fs.mkdirSync(out, { recursive: true });
const file = path.join(out, 'value.bin');
const value = { map: new Map([['a', 1]]), when: new Date(0), re: /x/g };
serializer.writeFileSync(file, value);
const back = serializer.readFileSync(file);
if (back.map.get('a') !== 1 || back.when.getTime() !== 0 || back.re.source !== 'x') throw new Error('round trip');
console.log('ok');
