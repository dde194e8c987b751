// As its README shows: the files a package installed in a folder holds (its bundled dependency's
// too, not a loose one), at depth 1 and all the way down; then its bin, which prints them. git
// keeps no node_modules/, so the script first copies input/pkg to out/ with its deps/ as
// node_modules/ (a write of its own).
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const contents = require('@npmcli/installed-package-contents');
const pkg = path.join(__dirname, 'out', 'pkg');
(async () => {
  fs.rmSync(path.join(__dirname, 'out'), { recursive: true, force: true });
  fs.cpSync(path.join(__dirname, 'input', 'pkg'), pkg, { recursive: true });
  fs.renameSync(path.join(pkg, 'deps'), path.join(pkg, 'node_modules'));
  const shallow = await contents({ path: pkg });
  const deep = await contents({ path: pkg, depth: Infinity });
  if (!deep.includes(path.join(pkg, 'node_modules', 'dep', 'lib', 'cli.js')) || deep.some((f) => f.includes('loose'))) throw new Error(deep.join());
  if (!shallow.includes(path.join(pkg, 'lib'))) throw new Error(shallow.join());
  const bin = path.join(path.dirname(require.resolve('@npmcli/installed-package-contents')), '..', 'bin', 'index.js');
  const printed = execFileSync(process.execPath, [bin, pkg, '--depth=2'], { encoding: 'utf8' });
  if (!printed.includes('package.json')) throw new Error(printed);
  console.log('ok');
})();
