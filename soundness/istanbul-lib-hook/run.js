// As nyc uses it (its README names no other use): hookRequire with a matcher for the app's input
// folder and a transformer, so a require of a file there is read and transformed, then
// hookRunInThisContext for code compiled with vm, then unhooked.
const path = require('path');
const vm = require('vm');
const hook = require('istanbul-lib-hook');
const input = path.join(__dirname, 'input');
const seen = [];
const reset = hook.hookRequire((file) => file.startsWith(input), (code, { filename }) => {
  seen.push(filename);
  return code.replace("'plain'", "'hooked'");
});
if (require('./input/answer.js') !== 'hooked') throw new Error('hookRequire');
hook.hookRunInThisContext((file) => file.endsWith('vm.js'), (code) => code.replace('1', '2'));
if (vm.runInThisContext('1 + 1', { filename: 'vm.js' }) !== 3) throw new Error('hookRunInThisContext');
hook.unhookRunInThisContext();
reset();
if (seen.length !== 1 || seen[0] !== path.join(input, 'answer.js')) throw new Error(seen.join());
console.log('ok');
