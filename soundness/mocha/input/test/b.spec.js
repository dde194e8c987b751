const assert = require('assert');
describe('b', () => {
  it('adds', () => assert.strictEqual(1 + 1, 2));
});
