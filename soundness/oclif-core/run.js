// As oclif's README runs a CLI: run(argv, root) of a CLI folder whose package.json names its
// commands folder (Config.load reads it, the folder is globbed, each command required), a command
// with an argument and a flag, a topic's command, and Config.load's folders for the CLI in home
// (~/.config/mycli, ~/.cache/mycli, ~/.local/share/mycli).
const path = require('path');
const { Config, run } = require('@oclif/core');
const root = path.join(__dirname, 'input', 'cli');
(async () => {
  const lines = [];
  const log = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk, ...rest) => (lines.push(String(chunk)), true);
  await run(['hello', 'world', '--from', 'here'], root);
  await run(['greet:formal'], root);
  process.stdout.write = log;
  if (!lines.join('').includes('hello world from here') || !lines.join('').includes('good day')) throw new Error(lines.join(''));
  const config = await Config.load(root);
  if (!config.configDir.endsWith(path.join('.config', 'mycli')) || config.commands.length !== 2) throw new Error(config.configDir);
  console.log('ok');
})().catch((error) => { console.error(error); process.exit(1); });
