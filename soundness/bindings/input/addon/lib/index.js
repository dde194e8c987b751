// A package's loader, as bindings' README shows: bindings('hello') from inside the package.
const bindings = require('bindings');
exports.where = () => bindings({ bindings: 'hello', path: true });
exports.load = () => bindings('hello');
