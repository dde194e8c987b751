// As its README shows: `cat log | pino-pretty` in a folder with a .pino-prettyrc (found by the
// bin, walking up from its working folder), then the API writing pretty lines to a file.
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const pretty = require('pino-pretty');
const input = path.join(__dirname, 'input');
const bin = path.join(path.dirname(require.resolve('pino-pretty')), 'bin.js');
const cli = spawnSync(process.execPath, [bin, '--colorize', 'false'], { cwd: input, input: fs.readFileSync(path.join(input, 'log.ndjson')), encoding: 'utf8' });
if (cli.status !== 0 || !cli.stdout.includes('hello') || cli.stdout.includes('hostname')) throw new Error(cli.stderr + cli.stdout);
const out = path.join(input, 'pretty.log');
const stream = pretty({ colorize: false, destination: out, sync: true });
stream.write('{"level":30,"time":1700000000000,"msg":"to a file"}\n');
stream.end(() => {
  if (!fs.readFileSync(out, 'utf8').includes('to a file')) throw new Error('file');
  console.log('ok');
});
