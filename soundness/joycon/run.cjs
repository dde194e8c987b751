// As its README shows: configs found by walking up from a subfolder, a .js one required, a
// .json one read, then a package.json key.
const path = require('node:path');
const JoyCon = require('joycon');
const cwd = path.join(__dirname, 'input', 'proj', 'sub');
const stopDir = path.join(__dirname, 'input');
async function main() {
  const joycon = new JoyCon({ cwd, stopDir });
  const js = await joycon.load(['foo.config.js']);
  if (js.data.from !== 'js') throw new Error('js');
  const json = joycon.loadSync(['foo.config.json']);
  if (json.data.from !== 'json') throw new Error('json');
  const key = await new JoyCon({ cwd, stopDir, packageKey: 'foo' }).load(['package.json']);
  if (key.data.from !== 'package') throw new Error('package');
  console.log('ok');
}
main();
