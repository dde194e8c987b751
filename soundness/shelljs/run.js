// As its README shows: Unix commands on a copy of input/src, and exec of a Node script that
// writes a file (exec's synchronous form runs a child through a params file in the temp folder).
const path = require('path');
const shell = require('shelljs');
shell.config.fatal = true;
const input = path.join(__dirname, 'input');
const work = path.join(input, 'work');
shell.rm('-rf', work);
shell.mkdir('-p', path.join(work, 'nested', 'deep'));
shell.cp('-R', path.join(input, 'src', '*'), work);
if (shell.ls(work).length !== 3 || shell.find(work).length < 5) throw new Error('ls');
shell.sed('-i', 'beta', 'BETA', path.join(work, 'a.txt'));
if (!shell.grep('BETA', path.join(work, 'a.txt')).includes('BETA')) throw new Error('sed');
shell.cat(path.join(work, 'a.txt'), path.join(work, 'b.txt')).to(path.join(work, 'nested', 'both.txt'));
shell.mv(path.join(work, 'b.txt'), path.join(work, 'nested', 'deep', 'b.txt'));
if (!shell.test('-f', path.join(work, 'nested', 'deep', 'b.txt'))) throw new Error('mv');
const node = JSON.stringify(process.execPath);
const script = JSON.stringify(path.join(input, 'bin', 'write.js'));
shell.exec(`${node} ${script} ${JSON.stringify(path.join(work, 'sync.txt'))}`, { silent: true });
shell.exec(`${node} ${script} ${JSON.stringify(path.join(work, 'async.txt'))}`, { silent: true }, (code) => {
  if (code !== 0 || shell.cat(path.join(work, 'sync.txt')).toString() !== 'from child') throw new Error('exec');
  if (!shell.which('node')) throw new Error('which');
  shell.rm('-rf', work);
  console.log('ok');
});
