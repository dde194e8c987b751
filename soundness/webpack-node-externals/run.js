// As its README shows, in a webpack configuration's `externals`; here the function it returns
// is called the way webpack 5 calls it: the default (the working folder's node_modules listed),
// additionalModuleDirs (a folder with a scoped package, listed a level down) and
// modulesFromFile (the working folder's package.json read).
const nodeExternals = require('webpack-node-externals');
const ask = (externals, request) => new Promise((resolve, reject) => {
  externals({ context: __dirname, request }, (error, result) => (error ? reject(error) : resolve(result)));
});
(async () => {
  const byFolder = nodeExternals({ additionalModuleDirs: ['input/vendor_modules'] });
  if ((await ask(byFolder, 'webpack-node-externals')) !== 'commonjs webpack-node-externals') throw new Error('node_modules');
  if ((await ask(byFolder, '@scope/widget/x')) !== 'commonjs @scope/widget/x') throw new Error('scoped');
  if ((await ask(byFolder, './local')) !== undefined) throw new Error('local');
  const byFile = nodeExternals({ modulesFromFile: true, importType: 'module' });
  if ((await ask(byFile, 'webpack-node-externals')) !== 'module webpack-node-externals') throw new Error('modulesFromFile');
  if ((await ask(byFile, 'leftpad')) !== undefined) throw new Error('leftpad');
  console.log('ok');
})().catch((error) => { console.error(error); process.exit(1); });
