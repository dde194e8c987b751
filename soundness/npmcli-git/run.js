// As its README shows: git.spawn runs git, is/find/isClean look at a working folder, clone
// copies a repository (here a local one, so no network). The repository is made in out/ first.
const fs = require('fs');
const path = require('path');
const git = require('@npmcli/git');
const out = path.join(__dirname, 'out');
const src = path.join(out, 'src');
(async () => {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(src, 'sub'), { recursive: true });
  fs.writeFileSync(path.join(src, 'a.txt'), 'a');
  const ident = ['-c', 'user.name=t', '-c', 'user.email=t@t'];
  await git.spawn(['init', '-q'], { cwd: src });
  await git.spawn(['add', 'a.txt'], { cwd: src });
  await git.spawn([...ident, 'commit', '-q', '-m', 'one'], { cwd: src });
  if (!(await git.is({ cwd: src }))) throw new Error('is');
  if ((await git.find({ cwd: path.join(src, 'sub'), root: out })) !== src) throw new Error('find');
  if (!(await git.isClean({ cwd: src }))) throw new Error('clean');
  await git.clone(src, 'HEAD', path.join(out, 'clone'));
  if (fs.readFileSync(path.join(out, 'clone', 'a.txt'), 'utf8') !== 'a') throw new Error('clone');
  console.log('ok');
})();
