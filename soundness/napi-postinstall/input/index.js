// A stand-in for a loader napi-rs generates; napi-patch inserts its fallback before the last check.
let nativeBinding = null
const loadErrors = []
try {
  nativeBinding = require('./my-binding.linux-x64-gnu.node')
} catch (err) {
  loadErrors.push(err)
}

if (!nativeBinding) {
  throw new Error('Failed to load native binding', { cause: loadErrors })
}
module.exports = nativeBinding
