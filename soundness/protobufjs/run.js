const protobuf = require('protobufjs');
const path = require('path');
protobuf.load(path.join(__dirname, 'input', 'a.proto'), (err, root) => {
  if (err) throw err;
  const Greeting = root.lookupType('demo.Greeting');
  const bytes = Greeting.encode(Greeting.create({ text: 'hi', extra: { n: 2 } })).finish();
  if (Greeting.decode(bytes).extra.n !== 2) throw new Error('protobufjs');
  console.log('ok');
});
