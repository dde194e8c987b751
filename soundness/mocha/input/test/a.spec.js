const assert = require('assert');
const fs = require('fs');
const path = require('path');
describe('a', () => {
  it('reads its fixture', () => assert.strictEqual(fs.readFileSync(path.join(__dirname, 'fixture.txt'), 'utf8'), 'x'));
});
