// As its README shows: loadConfig({ cwd }) of a project whose metro.config.js is found by the
// search (each candidate name tried in the folder, then the folders above, up to home), from the
// project and from a folder below it; then of a JSON configuration named by `config`; the
// defaults (getDefaultConfig, which resolves metro-runtime's files and the watch folders).
const path = require('path');
const { getDefaultConfig, loadConfig } = require('metro-config');
const project = path.join(__dirname, 'input', 'project');
(async () => {
  const config = await loadConfig({ cwd: project });
  if (config.projectRoot !== project || config.cacheStores.length !== 1) throw new Error(String(config.projectRoot));
  const below = await loadConfig({ cwd: path.join(project, 'src', 'deep') });
  if (below.projectRoot !== project) throw new Error('search up');
  const json = await loadConfig({ config: path.join(__dirname, 'input', 'json', 'metro.config.json') });
  if (!json.resolver.assetExts.includes('bin')) throw new Error('json');
  const defaults = await getDefaultConfig(project);
  if (!defaults.resolver.sourceExts.includes('js')) throw new Error('defaults');
  console.log('ok');
})().catch((error) => { console.error(error); process.exit(1); });
