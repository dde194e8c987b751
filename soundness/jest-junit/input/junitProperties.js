module.exports = (suite) => ({ platform: 'linux', tests: String(suite.numPassingTests) });
