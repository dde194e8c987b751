const { ModuleImporter } = require('@humanwhocodes/module-importer');
const importer = new ModuleImporter(__dirname);
importer.import('./input/plugin.mjs').then((mod) => {
  if (mod.default.name !== 'demo') throw new Error('import');
  console.log('ok');
});
