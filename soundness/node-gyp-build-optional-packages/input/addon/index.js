// As an addon that ships its binary in a per-platform optional package loads itself (msgpackr's
// and lmdb's way): node-gyp-build-optional-packages looks in build/, prebuilds/, beside Node,
// then in @myaddon/myaddon-linux-x64; here the binary is a stand-in whose dlopen fails.
const load = require('node-gyp-build-optional-packages');
let error;
try {
  module.exports = load(__dirname);
} catch (err) {
  error = err;
}
module.exports = { path: load.path(__dirname), error };
