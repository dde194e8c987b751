exports.add = (a, b) => a + b;
exports.unused = (a) => (a > 0 ? a : -a);
