// As its README shows: Arborist loads the package's tree, npm-packlist lists the files `npm pack`
// would put in it (its "files", .npmignore and the always-included files).
const path = require('path');
const Arborist = require('@npmcli/arborist');
const packlist = require('npm-packlist');
const dir = path.join(__dirname, 'input');
new Arborist({ path: dir }).loadActual().then(async (tree) => {
  const files = await packlist(tree);
  if (files.sort().join() !== 'README.md,lib/index.js,package.json') throw new Error(files.join());
  console.log('ok');
});
