const protoLoader = require('@grpc/proto-loader');
const path = require('path');
const input = path.join(__dirname, 'input');
const definition = protoLoader.loadSync(path.join(input, 'greeter.proto'), { includeDirs: [input], keepCase: true });
if (!definition['greeter.Greeter'] || !definition['common.HelloRequest']) throw new Error('proto-loader');
protoLoader.load(path.join(input, 'greeter.proto'), { includeDirs: [input] }).then((d) => {
  if (!d['greeter.Greeter'].SayHello) throw new Error('proto-loader load');
  console.log('ok');
});
