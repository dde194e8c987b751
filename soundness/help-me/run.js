// As its README shows: a CLI's help text, one file per command in a folder, streamed by name.
const path = require('path');
const helpMe = require('help-me');
const help = helpMe({ dir: path.join(__dirname, 'input', 'help'), ext: '.txt' });
const read = (args) =>
  new Promise((resolve, reject) => {
    let text = '';
    help.createStream(args).on('data', (d) => (text += d)).on('end', () => resolve(text)).on('error', reject);
  });
(async () => {
  if (!(await read(['start'])).includes('starts it')) throw new Error('start');
  if (!(await read()).includes('usage')) throw new Error('default');
  console.log('ok');
})();
