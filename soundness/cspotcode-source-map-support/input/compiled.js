exports.fail = function () { throw new Error("x"); };
//# sourceMappingURL=compiled.js.map
